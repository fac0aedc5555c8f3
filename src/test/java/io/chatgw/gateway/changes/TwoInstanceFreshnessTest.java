package io.chatgw.gateway.changes;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.ListenerMetrics;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11, "Freshness": two gateway instances on one PostgreSQL. After an import through the
 * first has returned, the first answers from the new state at once and the second within 1 s,
 * though the second had the old state cached (credentials for auth.cacheSeconds = 30 s, unknown
 * ones for 10 s, rate limits for 30 s; the directory's rooms, members, users and Mirage cut-offs
 * until a notification).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstanceFreshnessTest {

  static final Duration BOUND = Duration.ofSeconds(1);

  /** Mirage shows a room only what is among its tenant's 3 newest messages. */
  static final UnaryOperator<GatewayConfig> SMALL_CAP =
      c -> c.withMirage(new GatewayConfig.Mirage(c.mirage().ttlSeconds(), 3));

  TestGateway one;
  TestGateway two;
  Http http1;
  Http http2;
  Admin admin1;

  @BeforeAll
  void start() {
    one = TestGateway.start(SMALL_CAP);
    two = TestGateway.start(SMALL_CAP);
    http1 = new Http(one.port());
    http2 = new Http(two.port());
    admin1 = new Admin(http1);
    ListenerMetrics.awaitListening(http1);
    ListenerMetrics.awaitListening(http2);
  }

  @AfterAll
  void stop() {
    http1.close();
    http2.close();
    one.close();
    two.close();
  }

  static Http.Response mirage(Http http, String token) {
    return http.get("/api/get_room_messages?room_id=1", "Authorization", token);
  }

  static Http.Response deadSimpleChat(Http http, String key) {
    return http.get("/consumer/api/v1/chatRoom/r/messages?auth=" + key);
  }

  /** A tenant with users u1 (in room r, number 1) and u2 (in no room), and a session of u1. */
  Docs tenantWithSession(String prefix, String token) {
    Docs d = Docs.newTenant(prefix).user("u1", "alice").user("u2", "bob").room("r", 1, "u1")
        .message("m", "r", "u1", "hello", Instant.now().minusSeconds(60))
        .session("u1", token, Instant.now().plusSeconds(3600));
    load(d.json());
    return d;
  }

  /** Imports through instance 1, and waits until instance 2 has heard of it, so what it caches next is new. */
  void load(JsonObject document) {
    long before = ListenerMetrics.notifications(http2);
    admin1.load(document);
    ListenerMetrics.awaitNotified(http2, before);
  }

  static JsonObject session(String tenant, String user, String token, Instant expiresAt) {
    return new JsonObject().put("sessions", new JsonArray().add(new JsonObject().put("tenant", tenant)
        .put("user", user).put("token", token).put("expiresAt", expiresAt.toString())));
  }

  @Test
  void aSessionWhoseExpiryMovedIntoThePastIsRefusedEverywhere() {
    String token = "fresh-" + UUID.randomUUID();
    Docs d = tenantWithSession("fresh-exp", token);
    assertEquals(200, mirage(http1, token).status());
    assertEquals(200, mirage(http2, token).status(), "cached on instance 2");
    admin1.load(session(d.tenant(), "u1", token, Instant.now().minusSeconds(60)));
    assertEquals(401, mirage(http1, token).status(), "instance 1 at once");
    eventually(BOUND, "instance 2 refuses the expired session", () -> mirage(http2, token), r -> r.status() == 401);
  }

  @Test
  void aSessionImportedAgainForAnotherUserActsAsThatUserEverywhere() {
    String token = "fresh-" + UUID.randomUUID();
    Docs d = tenantWithSession("fresh-user", token);
    assertEquals(200, mirage(http2, token).status(), "cached on instance 2 as u1, a member");
    admin1.load(session(d.tenant(), "u2", token, Instant.now().plusSeconds(3600)));
    assertEquals(403, mirage(http1, token).status(), "instance 1 at once: u2 is not in the room");
    eventually(BOUND, "instance 2 takes the token for u2", () -> mirage(http2, token), r -> r.status() == 403);
  }

  @Test
  void anApiKeyInstance2HadAsUnknownIsAcceptedOnceImportedThroughInstance1() {
    Docs d = tenantWithSession("fresh-key", "fresh-" + UUID.randomUUID());
    String key = "fresh-key-" + UUID.randomUUID();
    assertEquals(401, deadSimpleChat(http2, key).status(), "unknown, and so cached for 10 s on instance 2");
    assertEquals(401, deadSimpleChat(http1, key).status());
    JsonObject tenant = d.json().getJsonArray("tenants").getJsonObject(0).put("apiKeys", new JsonArray().add(key));
    admin1.load(new JsonObject().put("tenants", new JsonArray().add(tenant)));
    assertEquals(200, deadSimpleChat(http1, key).status(), "instance 1 at once");
    eventually(BOUND, "instance 2 accepts the new key", () -> deadSimpleChat(http2, key), r -> r.status() == 200);
  }

  @Test
  void aTenantsNewRateLimitAppliesOnInstance2Within1Second() {
    Docs d = tenantWithSession("fresh-rate", "fresh-" + UUID.randomUUID());
    String key = "fresh-key-" + UUID.randomUUID();
    JsonObject tenant = d.json().getJsonArray("tenants").getJsonObject(0).put("apiKeys", new JsonArray().add(key));
    load(new JsonObject().put("tenants", new JsonArray().add(tenant)));
    Http.Response before = deadSimpleChat(http2, key);
    assertEquals(200, before.status(), before.body());
    assertNull(before.header("RateLimit-Policy"), "no limit yet, and that is cached on instance 2");
    Http.Response ndjson = admin1.importNdjson("{\"kind\":\"tenant\",\"id\":\"" + d.tenant()
        + "\",\"rateLimit\":{\"perSecond\":1,\"burst\":1000}}\n");
    assertEquals(200, ndjson.status(), ndjson.body());
    String policy = "\"tenant\";q=1;w=1;chatgw-burst=1000";
    assertEquals(policy, deadSimpleChat(http1, key).header("RateLimit-Policy"), "instance 1 at once");
    eventually(BOUND, "instance 2 applies the new limit", () -> deadSimpleChat(http2, key),
        r -> policy.equals(r.header("RateLimit-Policy")));
  }

  static java.util.List<String> mirageMessages(Http http, String token) {
    Http.Response page = mirage(http, token);
    assertEquals(200, page.status(), page.body());
    JsonArray messages = page.json().getJsonArray("messages");
    java.util.List<String> shown = new java.util.ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      shown.add(messages.getJsonObject(i).getString("username") + ":" + messages.getJsonObject(i).getString("message"));
    }
    return shown;
  }

  @Test
  void aMemberRemovedThroughInstance1Gets403Everywhere() {
    String token = "fresh-" + UUID.randomUUID();
    Docs d = tenantWithSession("fresh-member", token);
    assertEquals(200, mirage(http1, token).status());
    assertEquals(200, mirage(http2, token).status(), "room and membership cached on instance 2");
    admin1.load(Docs.forTenant(d.tenant()).room("r", 1, "u2").json());
    assertEquals(403, mirage(http1, token).status(), "instance 1 at once");
    eventually(BOUND, "instance 2 refuses the removed member", () -> mirage(http2, token), r -> r.status() == 403);
  }

  @Test
  void aRenamedUserShowsTheNewNameEverywhere() {
    String token = "fresh-" + UUID.randomUUID();
    Docs d = tenantWithSession("fresh-name", token);
    assertEquals(java.util.List.of("alice:hello"), mirageMessages(http1, token));
    assertEquals(java.util.List.of("alice:hello"), mirageMessages(http2, token), "the sender cached on instance 2");
    admin1.load(Docs.forTenant(d.tenant()).user("u1", "alicia").json());
    assertEquals(java.util.List.of("alicia:hello"), mirageMessages(http1, token), "instance 1 at once");
    eventually(BOUND, "instance 2 shows the new name", () -> mirageMessages(http2, token),
        java.util.List.of("alicia:hello")::equals);
  }

  /** The cap's cut-off (the tenant's 3rd newest message) is cached; a newer message in another room moves it. */
  @Test
  void theMirageCapMovesEverywhereWhenANewerMessageArrives() {
    String token = "fresh-" + UUID.randomUUID();
    Instant t = Instant.now().minusSeconds(600);
    Docs d = Docs.newTenant("fresh-cap").user("u1", "alice").room("r", 1, "u1").room("s", 2, "u1")
        .message("a", "r", "u1", "one", t).message("b", "r", "u1", "two", t.plusSeconds(1))
        .message("c", "s", "u1", "three", t.plusSeconds(2))
        .session("u1", token, Instant.now().plusSeconds(3600));
    load(d.json());
    java.util.List<String> both = java.util.List.of("alice:one", "alice:two");
    assertEquals(both, mirageMessages(http1, token));
    assertEquals(both, mirageMessages(http2, token), "the cut-off cached on instance 2");
    admin1.load(Docs.forTenant(d.tenant()).message("e", "s", "u1", "four", t.plusSeconds(3)).json());
    java.util.List<String> newest = java.util.List.of("alice:two");
    assertEquals(newest, mirageMessages(http1, token), "instance 1 at once: 'one' is no longer among the 3 newest");
    eventually(BOUND, "instance 2 moves the cut-off", () -> mirageMessages(http2, token), newest::equals);
  }
}
