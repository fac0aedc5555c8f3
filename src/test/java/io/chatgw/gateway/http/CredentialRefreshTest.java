package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.auth.SecretTokens;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.ListenerMetrics;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A found credential that came due (older than auth.cacheSeconds) is answered from the cache
 * while one lookup refreshes it in the background; what the refresh finds then holds. So a valid
 * key is never refused only because its entry expired while lookups were busy (the attack run's
 * flood of made-up keys refused 5 of 361 valid requests that way), and a key removed from the
 * store still stops working within about one cache period.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialRefreshTest {

  TestGateway gateway;
  Http http;
  TwoTenants tenants;

  @BeforeAll
  void start() {
    gateway = TestGateway.start(c -> new GatewayConfig(c.http(), c.database(), c.adminToken(), c.jwt(),
        new GatewayConfig.Auth(1, 10_000, 30, 2, 16), c.mirage(), c.imports(), c.pages(), c.instances()));
    http = new Http(gateway.port());
    long before = ListenerMetrics.notifications(http);
    tenants = TwoTenants.load(http, "refresh");
    // the imports' and the key mintings' own notices drop the caches when they arrive: wait for all
    // of them, so none drops the entry the test caches next (then the deleted key would be looked up
    // again, and refused: the full suite failed so when the last notice came after the first request)
    ListenerMetrics.awaitNotified(http, before, TwoTenants.NOTICES);
  }

  @AfterAll
  void stop() {
    http.close();
    gateway.close();
  }

  int status() {
    return http.get("/consumer/api/v1/chatRoom/" + TwoTenants.ROOM_B_ID + "/messages?auth=" + tenants.keyB()).status();
  }

  @Test
  void aDueEntryIsServedWhileItsRefreshFindsTheKeyGone() throws InterruptedException {
    assertEquals(200, status());
    gateway.sql().preparedQuery("DELETE FROM api_key WHERE key_hash = $1")
        .execute(Tuple.of(SecretTokens.hash(tenants.keyB()))).await();
    assertEquals(200, status(), "fresh entries are not looked up again");
    Thread.sleep(1200); // the JUnit thread: let the entry come due
    assertEquals(200, status(), "a due entry is answered from the cache while it is refreshed");
    Eventually.eventually(Duration.ofSeconds(5), "401 once the refresh found the key gone",
        this::status, status -> status == 401);
  }
}
