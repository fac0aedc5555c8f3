package io.chatgw.gateway.changes;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.auth.SecretTokens;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.ListenerMetrics;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.FaultyDatabase;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 11: a listener reconnect drops every cache, because what was committed while it was not
 * listening cannot be known. Each test caches an API key, deletes it with plain SQL (no
 * notification: the gateway would serve it from its cache for auth.cacheSeconds = 30 s), breaks
 * the listener's connection in one way, and expects the key refused once the listener is back.
 * The gateway reaches the database through a {@link FaultyDatabase} of this test's own, and
 * starts while it is cut.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListenerReconnectTest {

  FaultyDatabase database;
  TestGateway gateway;
  Http http;
  Admin admin;

  @BeforeAll
  void startWithoutTheDatabase() {
    database = new FaultyDatabase();
    database.cut();
    gateway = TestGateway.start(c -> c.withDatabase(new GatewayConfig.Database(Optional.of(database.url()),
        4, 64, 1000)), false);
    http = new Http(gateway.port());
    admin = new Admin(http);
  }

  @AfterAll
  void stop() {
    http.close();
    gateway.close();
    database.close();
  }

  int read(String key) {
    return http.get("/consumer/api/v1/chatRoom/r/messages?auth=" + key).status();
  }

  /** A key the gateway has cached as valid, then deleted behind its back. */
  String cachedKeyDeletedBehindTheGatewaysBack() {
    String key = "reconnect-key-" + UUID.randomUUID();
    Docs d = Docs.newTenant("reconnect").user("u1", "alice").room("r", 1, "u1")
        .message("m", "r", "u1", "hello", Instant.now().minusSeconds(60));
    JsonObject document = d.json();
    document.getJsonArray("tenants").getJsonObject(0).put("apiKeys", new JsonArray().add(key));
    long before = ListenerMetrics.notifications(http);
    admin.load(document);
    ListenerMetrics.awaitNotified(http, before); // the import's own notice is not what drops it later
    assertEquals(200, read(key));
    TestGateway.shared().sql().preparedQuery("DELETE FROM api_key WHERE key_hash = $1")
        .execute(Tuple.of(SecretTokens.hash(key))).await();
    assertEquals(200, read(key), "served from the cache: nothing told the gateway");
    return key;
  }

  void expectRefusedOnceListeningAgain(String key, long reconnectsBefore) {
    eventually(Duration.ofSeconds(5), "the deleted key refused after the reconnect", () -> read(key),
        status -> status == 401);
    assertTrue(ListenerMetrics.listening(http));
    assertTrue(ListenerMetrics.reconnects(http) > reconnectsBefore, "counted as a reconnect");
  }

  @Test
  @Order(1)
  void theListenerDoesNotHoldUpStartUpAndListensOnceTheDatabaseIsThere() throws InterruptedException {
    assertEquals(200, http.get("/health/live").status());
    Thread.sleep(1000); // a few failed first connections
    assertFalse(ListenerMetrics.listening(http));
    database.restore();
    gateway.gateway().migrated().await();
    ListenerMetrics.awaitListening(http);
    assertEquals(0, ListenerMetrics.reconnects(http), "a first connection is not a reconnect");
  }

  @Test
  @Order(2)
  void aTerminatedListenerBackendReconnectsAndDropsEveryCache() {
    String key = cachedKeyDeletedBehindTheGatewaysBack();
    long reconnects = ListenerMetrics.reconnects(http);
    terminateTheListener();
    expectRefusedOnceListeningAgain(key, reconnects);
  }

  void terminateTheListener() {
    int terminated = TestGateway.shared().sql().preparedQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = $1 AND client_port = ANY($2)")
        .execute(Tuple.of(ChangeListenerVerticle.APPLICATION_NAME)
            .addArrayOfInteger(database.backendPorts().toArray(Integer[]::new)))
        .await().size();
    assertEquals(1, terminated, "this gateway has one listener");
  }

  String mirageUsername(String token) {
    Http.Response page = http.get("/api/get_room_messages?room_id=1", "Authorization", token);
    assertEquals(200, page.status(), page.body());
    return page.json().getJsonArray("messages").getJsonObject(0).getString("username");
  }

  /**
   * The directory too: a user renamed and a member removed with plain SQL are served from memory
   * (the old name, still a member) until the listener reconnects; then the new state.
   */
  @Test
  @Order(5)
  void aReconnectDropsTheDirectoryToo() {
    String token = "reconnect-session-" + UUID.randomUUID();
    Docs d = Docs.newTenant("reconnect-dir").user("u1", "alice").user("u2", "bob").room("r", 1, "u1", "u2")
        .message("m", "r", "u1", "hello", Instant.now().minusSeconds(60))
        .session("u1", token, Instant.now().plusSeconds(3600))
        .session("u2", token + "-2", Instant.now().plusSeconds(3600));
    long before = ListenerMetrics.notifications(http);
    admin.load(d.json());
    ListenerMetrics.awaitNotified(http, before);
    assertEquals("alice", mirageUsername(token));
    assertEquals(200, http.get("/api/get_room_messages?room_id=1", "Authorization", token + "-2").status());
    TestGateway.shared().sql().preparedQuery("UPDATE app_user SET username = 'alicia' WHERE tenant_id = $1 AND id = 'u1'")
        .execute(Tuple.of(d.tenant())).await();
    TestGateway.shared().sql().preparedQuery("""
        DELETE FROM room_member WHERE user_pk = (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = 'u2')""")
        .execute(Tuple.of(d.tenant())).await();
    assertEquals("alice", mirageUsername(token), "served from memory: nothing told the gateway");
    assertEquals(200, http.get("/api/get_room_messages?room_id=1", "Authorization", token + "-2").status(),
        "still a member in memory");
    long reconnects = ListenerMetrics.reconnects(http);
    terminateTheListener();
    eventually(Duration.ofSeconds(5), "the new name after the reconnect", () -> mirageUsername(token),
        "alicia"::equals);
    assertEquals(403, http.get("/api/get_room_messages?room_id=1", "Authorization", token + "-2").status(),
        "no longer a member");
    assertTrue(ListenerMetrics.reconnects(http) > reconnects, "counted as a reconnect");
  }

  @Test
  @Order(3)
  void aDatabaseCutAndRestoredDropsEveryCacheOnceTheListenerIsBack() throws InterruptedException {
    String key = cachedKeyDeletedBehindTheGatewaysBack();
    long reconnects = ListenerMetrics.reconnects(http);
    database.cut();
    eventually(Duration.ofSeconds(5), "the listener notices", () -> !ListenerMetrics.listening(http));
    Thread.sleep(1000); // a few refused reconnect attempts
    database.restore();
    expectRefusedOnceListeningAgain(key, reconnects);
  }

  /** A connection that stays open but answers nothing is found by the heartbeat (every 5 s, 1 s deadline here). */
  @Test
  @Order(4)
  void aStalledListenerConnectionIsClosedByTheHeartbeatAndItsReconnectDropsEveryCache() {
    String key = cachedKeyDeletedBehindTheGatewaysBack();
    long reconnects = ListenerMetrics.reconnects(http);
    database.stall();
    try {
      eventually(Duration.ofSeconds(10), "the heartbeat gives up on the stalled connection",
          () -> !ListenerMetrics.listening(http));
    } finally {
      database.restore();
    }
    expectRefusedOnceListeningAgain(key, reconnects);
  }
}
