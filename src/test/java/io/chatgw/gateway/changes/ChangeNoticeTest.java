package io.chatgw.gateway.changes;

import static io.chatgw.gateway.changes.Notifications.naming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the import and the credential minting tell other instances, read by a LISTEN of the
 * test's own: one notification per committed transaction, naming the kinds and tenants it
 * touched, none for one rolled back. NDJSON batches of 2 lines here, so one import commits several.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeNoticeTest {

  TestGateway gateway;
  Http http;
  Admin admin;
  Notifications notifications;

  @BeforeAll
  void start() {
    gateway = TestGateway.start(new JsonObject().put("imports", new JsonObject().put("batchLines", 2)),
        UnaryOperator.identity());
    http = new Http(gateway.port());
    admin = new Admin(http);
    notifications = new Notifications();
  }

  @AfterAll
  void stop() {
    notifications.close();
    http.close();
    gateway.close();
  }

  @Test
  void aDocumentNamesTheKindsOfEachBatchItWroteAllDeliveredAtItsCommit() {
    Docs d = Docs.newTenant("notice-doc").user("u1", "alice").room("r", 1, "u1")
        .message("m", "r", "u1", "hi", Instant.now().minusSeconds(5))
        .session("u1", "notice-token-" + UUID.randomUUID(), Instant.now().plusSeconds(600));
    JsonObject document = d.json();
    document.getJsonArray("tenants").getJsonObject(0).put("apiKeys", new JsonArray().add("k-" + UUID.randomUUID()));
    admin.load(document);
    Docs marker = Docs.newTenant("notice-marker");
    admin.load(marker.json());
    String tenants = "],\"tenants\":[\"" + d.tenant() + "\"]}";
    assertEquals(List.of("{\"kinds\":[\"tenant\",\"apiKey\",\"user\"" + tenants,
        "{\"kinds\":[\"room\",\"message\"" + tenants, "{\"kinds\":[\"session\"" + tenants),
        naming(notifications.upTo(marker.tenant()), d.tenant()));
  }

  @Test
  void ndjsonNotifiesOncePerCommittedBatchAndNotForTheLinesAfterABadOne() {
    String t = "notice-nd-" + UUID.randomUUID().toString().substring(0, 8);
    String lines = String.join("\n",
        "{\"kind\":\"tenant\",\"id\":\"" + t + "\"}",
        "{\"kind\":\"user\",\"tenant\":\"" + t + "\",\"id\":\"u1\",\"username\":\"a\"}",
        "{\"kind\":\"user\",\"tenant\":\"" + t + "\",\"id\":\"u2\",\"username\":\"b\"}",
        "{\"kind\":\"room\",\"tenant\":\"" + t + "\",\"id\":\"r\",\"number\":1,\"members\":[\"u1\"]}",
        "{\"kind\":\"room\",\"tenant\":\"" + t + "\",\"id\":\"r2\",\"number\":2,\"members\":[\"u1\"]}",
        "{\"kind\":\"message\",\"tenant\":\"" + t + "\",\"room\":\"nowhere\",\"id\":\"m\",\"sender\":\"u1\","
            + "\"text\":\"x\",\"createdAt\":\"2024-01-01T00:00:00Z\"}",
        "{\"kind\":\"session\",\"tenant\":\"" + t + "\",\"user\":\"u1\",\"token\":\"nd-" + UUID.randomUUID()
            + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}") + "\n";
    Http.Response refused = admin.importNdjson(lines);
    assertEquals(400, refused.status(), refused.body());
    assertEquals(5, refused.json().getInteger("committed"), refused.body());
    Docs marker = Docs.newTenant("notice-marker");
    admin.load(marker.json());
    assertEquals(List.of(
        "{\"kinds\":[\"tenant\",\"user\"],\"tenants\":[\"" + t + "\"]}",
        "{\"kinds\":[\"user\",\"room\"],\"tenants\":[\"" + t + "\"]}",
        "{\"kinds\":[\"room\"],\"tenants\":[\"" + t + "\"]}"), naming(notifications.upTo(marker.tenant()), t));
  }

  @Test
  void aRolledBackDocumentNotifiesNobody() {
    Docs d = Docs.newTenant("notice-rollback").user("u1", "alice")
        .message("m", "no-such-room", "u1", "hi", Instant.now());
    Http.Response refused = admin.importJson(d.json());
    assertEquals(400, refused.status(), refused.body());
    Docs marker = Docs.newTenant("notice-marker");
    admin.load(marker.json());
    assertEquals(List.of(), naming(notifications.upTo(marker.tenant()), d.tenant()));
  }

  @Test
  void aMintedKeyOrSessionIsNotifiedOnceItIsStored() {
    Docs d = Docs.newTenant("notice-mint").user("u1", "alice");
    admin.load(d.json());
    notifications.upTo(d.tenant());
    assertEquals(201, admin.newKey(d.tenant()).status());
    assertEquals(List.of("{\"kinds\":[\"apiKey\"],\"tenants\":[\"" + d.tenant() + "\"]}"),
        notifications.upTo(d.tenant()));
    admin.tokens(d.tenant(), "u1");
    assertEquals(List.of("{\"kinds\":[\"session\"],\"tenants\":[\"" + d.tenant() + "\"]}"),
        notifications.upTo(d.tenant()));
    assertEquals(404, admin.newKey("notice-no-such-tenant").status());
    assertEquals(404, admin.mint(d.tenant(), new JsonObject().put("user", "nobody")).status());
    Docs marker = Docs.newTenant("notice-marker");
    admin.load(marker.json());
    List<String> seen = notifications.upTo(marker.tenant());
    assertEquals(1, seen.size(), "nothing for the refused mints: " + seen);
  }

  /** On the shared gateway, whose batches take 1000 lines: 200 tenants of 64 characters do not fit. */
  @Test
  void tenantsTooManyToNameInOneNotificationBecomeEveryTenant() {
    JsonArray tenants = new JsonArray();
    String prefix = "many-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    for (int i = 0; i < 200; i++) {
      String id = prefix + i + "-";
      tenants.add(new JsonObject().put("id", id + "x".repeat(64 - id.length())));
    }
    Docs marker = Docs.newTenant("notice-marker");
    try (Http own = new Http(TestGateway.shared().port())) {
      Admin shared = new Admin(own);
      shared.load(new JsonObject().put("tenants", tenants));
      shared.load(marker.json());
    }
    List<String> seen = notifications.upTo(marker.tenant());
    assertTrue(seen.contains("{\"kinds\":[\"tenant\"],\"allTenants\":true}"), "seen: " + seen);
    assertTrue(seen.stream().noneMatch(p -> p.contains(prefix)), "no tenant of them named: " + seen);
  }
}
