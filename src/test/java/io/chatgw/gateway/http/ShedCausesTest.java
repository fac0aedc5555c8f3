package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.config.PageLimits;
import io.chatgw.gateway.dialect.allmine.AllmineClient;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient;
import io.chatgw.gateway.dialect.mirage.MirageClient;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LimitedTenant;
import io.chatgw.gateway.support.MetricsText;
import io.chatgw.gateway.support.TableLock;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "503s by cause": every way the gateway sheds a request while the database is healthy
 * is counted in {@code gateway_history_shed_total} under its own {@code cause}. Each case makes
 * the first request wait honestly (a table it needs is locked by the test), so the next one finds
 * the bounded place taken and is refused.
 */
class ShedCausesTest {

  private final ExecutorService callers = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void aLargePageRefusedByTheLargePageBulkheadIsCountedAsLargePages() throws Exception {
    // every page over 1 row is large (DeadSimpleChat's limit=50 is); one in flight, none waiting
    try (TestGateway gateway = TestGateway.start(c -> patient(c).withPages(new PageLimits(1, 1, 0,
            PageLimits.DEFAULTS.maxPageBytes(), PageLimits.DEFAULTS.responseBudgetBytes())));
        Http http = new Http(gateway.port())) {
      LimitedTenant tenant = LimitedTenant.load(http, "shed-large", null);
      assertEquals(200, deadSimpleChat(http, tenant).status(), "its key and room are known before the lock");
      double before = shed(http, "large_pages");
      try (TableLock messages = TableLock.hold(gateway, "message")) {
        CompletableFuture<Http.Response> running = CompletableFuture.supplyAsync(
            () -> deadSimpleChat(http, tenant), callers);
        eventually(() -> messages.waiters() == 1);
        DeadSimpleChatClient.assertError(deadSimpleChat(http, tenant), 503, "Service unavailable, please retry");
        assertFalse(running.isDone(), () -> "answered while the lock is held: " + running.join().body());
        assertEquals(before + 1, shed(http, "large_pages"));
        messages.release();
        assertEquals(200, running.get(10, TimeUnit.SECONDS).status());
      }
      assertEquals(0, shed(http, "credential_lookups") + shed(http, "in_flight") + shed(http, "tenant_queue"),
          "no other cause counted it");
    }
  }

  @Test
  void anUnknownCredentialRefusedByTheLookupBulkheadIsCountedAsCredentialLookups() throws Exception {
    // one credential lookup in flight, none waiting
    try (TestGateway gateway = TestGateway.start(c -> patient(c).withAuth(new GatewayConfig.Auth(c.auth().cacheSeconds(),
            c.auth().cacheSize(), c.auth().unknownCacheSeconds(), 1, 0)));
        Http http = new Http(gateway.port())) {
      double before = shed(http, "credential_lookups");
      try (TableLock sessions = TableLock.hold(gateway, "session")) {
        CompletableFuture<Http.Response> running = CompletableFuture.supplyAsync(
            () -> mirage(http, "first-made-up-session-token"), callers);
        eventually(() -> sessions.waiters() == 1);
        Http.Response refused = mirage(http, "second-made-up-session-token");
        assertEquals(503, refused.status(), refused.body());
        assertEquals(before + 1, shed(http, "credential_lookups"));
        sessions.release();
        assertEquals(401, running.get(10, TimeUnit.SECONDS).status(), "the waiting lookup ends in its answer");
      }
    }
  }

  @Test
  void aRequestRefusedWhileTheGatewayDrainsIsCountedAsDraining() throws Exception {
    TestGateway gateway = TestGateway.start(ShedCausesTest::patient);
    try (Http http = new Http(gateway.port())) {
      LimitedTenant tenant = LimitedTenant.load(http, "shed-drain", null);
      try (TableLock receipts = TableLock.hold(gateway, "read_receipt")) {
        CompletableFuture<Http.Response> running = CompletableFuture.supplyAsync(() -> allmine(http, tenant), callers);
        eventually(() -> receipts.waiters() == 1);
        Future<Void> stopped = gateway.gateway().shutdown(10_000);
        AllmineClient.assertError(allmine(http, tenant), 503, "Service unavailable");
        try (Http metrics = new Http(gateway.port())) {
          assertEquals(1, shed(metrics, "draining"), "the drain's 503 is counted while the drain waits");
        }
        receipts.release();
        assertEquals(200, running.get(10, TimeUnit.SECONDS).status());
        stopped.await(10, TimeUnit.SECONDS);
      }
    }
  }

  /** A database deadline of 10 s, far longer than any step here: the lock holds a request, not the deadline. */
  private static GatewayConfig patient(GatewayConfig c) {
    GatewayConfig.Database d = c.database();
    return c.withDatabase(new GatewayConfig.Database(d.url(), d.poolSize(), d.maxWaitQueueSize(), 10_000,
        d.tenantShare(), d.tenantQueue()));
  }

  private static double shed(Http http, String cause) {
    return MetricsText.value(http, "gateway_history_shed_total{cause=\"" + cause + "\"}");
  }

  private static Http.Response allmine(Http http, LimitedTenant tenant) {
    return http.get(AllmineClient.PATH + TwoTenants.ROOM_ID, "Authorization", "Bearer " + tenant.jwt());
  }

  /** A page of 50, over the large-page threshold of 1. */
  private static Http.Response deadSimpleChat(Http http, LimitedTenant tenant) {
    return http.get(DeadSimpleChatClient.path(TwoTenants.ROOM_ID,
        "auth=" + URLEncoder.encode(tenant.apiKey(), StandardCharsets.UTF_8) + "&limit=50"));
  }

  private static Http.Response mirage(Http http, String token) {
    return http.get(MirageClient.PATH + 1, "Authorization", token);
  }

  private static void eventually(java.util.function.BooleanSupplier condition) {
    Eventually.eventually(Duration.ofSeconds(10), "the condition", condition::getAsBoolean, Boolean::booleanValue);
  }
}
