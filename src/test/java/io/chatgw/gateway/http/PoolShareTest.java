package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.allmine.AllmineClient;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LimitedTenant;
import io.chatgw.gateway.support.MetricsText;
import io.chatgw.gateway.support.TableLock;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "Fair sharing": one tenant's slow requests cannot take the whole pool. With a pool of
 * 2, {@code tenantShare} 1 and {@code tenantQueue} 1, three concurrent slow requests of tenant A
 * are one running in PostgreSQL, one waiting in the gateway, one 503 at once (with
 * {@code Retry-After: 1}, in the dialect's format); meanwhile tenant B is served from the pool's
 * other connection, and once A's slow query ends, A's waiting request is served too.
 *
 * <p>A is made slow honestly: the test holds {@code read_receipt} in ACCESS EXCLUSIVE mode in an
 * open transaction, and A reads through Allmine, the one dialect whose query reads receipts. The
 * lock is table-wide, so B reads through DeadSimpleChat, whose query does not touch that table:
 * what B shows is that a connection was left for it while A was at its share. The pool is 2, the
 * share 1, the queue 1, and the deadline 10 s, far longer than any step here.
 */
class PoolShareTest {

  @Test
  void aTenantAtItsShareWaitsOrIsRefusedWhileAnotherTenantIsServed() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try (TestGateway gateway = startWithShareOfOne();
        Http http = new Http(gateway.port())) {
      LimitedTenant a = LimitedTenant.load(http, "share-a", null);
      LimitedTenant b = LimitedTenant.load(http, "share-b", null);
      assertEquals(200, allmine(http, a).status(), "A is served while nothing is slow");
      assertEquals(200, deadSimpleChat(http, b).status());

      TableLock receipts = TableLock.hold(gateway, "read_receipt");
      CompletableFuture<Http.Response> running;
      CompletableFuture<Http.Response> waiting;
      try {
        running = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        eventually(() -> receipts.waiters() == 1);

        CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        CompletableFuture<Http.Response> third = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        CompletableFuture.anyOf(second, third).get(5, TimeUnit.SECONDS);
        CompletableFuture<Http.Response> refused = second.isDone() ? second : third;
        waiting = second.isDone() ? third : second;
        AllmineClient.assertError(refused.get(), 503, "Service unavailable");
        assertEquals("1", refused.get().header("Retry-After"));

        Http.Response other = deadSimpleChat(http, b);
        assertEquals(200, other.status(), other.body());
        assertTrue(other.body().contains(TwoTenants.TEXT), other.body());

        assertFalse(waiting.isDone(), "the second request waits for A's share");
        assertFalse(running.isDone(), "the first one still waits on the lock in PostgreSQL");
        assertEquals(1, receipts.waiters(), "only one of A's requests reached the store");
      } finally {
        receipts.release();
      }
      for (CompletableFuture<Http.Response> served : List.of(running, waiting)) {
        Http.Response response = served.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.status(), response.body());
        assertTrue(response.body().contains(TwoTenants.TEXT), response.body());
      }
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * docs/decisions.md, "Pipelined reads": with 2 statements a connection, a connection carries one
   * tenant's reads only, and a tenant leases at most the pool less one connection (split over the
   * event loops). A's stalled reads, more of them than A has connections, pipeline behind each
   * other or wait in the gateway; B's read gets the connection A cannot take. (Vert.x's own
   * pipelined client, first fit, put B's read behind one of A's: a 503 at the deadline.)
   */
  @Test
  void withPipelinedReadsOneTenantsStalledReadsDoNotHoldUpAnothersRead() throws Exception {
    int loops = Runtime.getRuntime().availableProcessors();
    int poolSize = loops + 1; // one connection a loop for A, one for B
    // every lease of A at depth 2 and one more waiting, within the 5 connections of A's own client
    int stalled = Math.min(5, 2 * loops + 1);
    ExecutorService callers = Executors.newFixedThreadPool(stalled);
    try (TestGateway gateway = TestGateway.start(c -> c.withDatabase(new GatewayConfig.Database(
        c.database().url(), poolSize, c.database().maxWaitQueueSize(), 5_000, 1, 16, Optional.empty(),
        GatewayConfig.Replicas.NONE, 2)));
        Http http = new Http(gateway.port());
        Http aHttp = new Http(gateway.port())) {
      assertTrue(gateway.config().instances() == 0, "the loops are one a core, as this test counts them");
      LimitedTenant a = LimitedTenant.load(http, "pipelined-a", null);
      LimitedTenant b = LimitedTenant.load(http, "pipelined-b", null);
      assertEquals(200, allmine(http, a).status());
      assertEquals(200, deadSimpleChat(http, b).status());
      TableLock receipts = TableLock.hold(gateway, "read_receipt");
      List<CompletableFuture<Http.Response>> aReads = new ArrayList<>();
      try {
        for (int i = 0; i < stalled; i++) {
          aReads.add(CompletableFuture.supplyAsync(() -> allmine(aHttp, a), callers));
        }
        eventually(() -> MetricsText.value(http, "gateway_history_in_flight") == stalled);
        eventually(() -> receipts.waiters() >= 1);
        long started = System.nanoTime();
        Http.Response other = deadSimpleChat(http, b);
        assertEquals(200, other.status(), "B's read is not behind one of A's: " + other.body());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "B was served before A's deadline");
        assertTrue(receipts.waiters() <= poolSize - 1, "A holds at most the pool less one connection");
        assertTrue(aReads.stream().noneMatch(CompletableFuture::isDone), "A's reads all still wait on the lock");
      } finally {
        receipts.release();
      }
      for (CompletableFuture<Http.Response> read : aReads) {
        Http.Response response = read.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.status(), "A's pipelined and waiting reads are served once the lock goes: "
            + response.body());
      }
      assertEquals(200, deadSimpleChat(http, b).status());
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * The gateway's drain (docs/decisions.md, Operations and Fair sharing): a request waiting for its
   * tenant's share when the shutdown begins is a request in flight, so it is served, not refused,
   * and the shutdown waits for it; a new request gets the drain's 503.
   */
  @Test
  void aRequestWaitingForItsShareWhenTheDrainBeginsIsServed() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(2);
    TestGateway gateway = startWithShareOfOne();
    try (Http http = new Http(gateway.port())) {
      LimitedTenant a = LimitedTenant.load(http, "drain-share", null);
      assertEquals(200, allmine(http, a).status());

      TableLock receipts = TableLock.hold(gateway, "read_receipt");
      CompletableFuture<Http.Response> running;
      CompletableFuture<Http.Response> waiting;
      Future<Void> stopped;
      try {
        running = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        eventually(() -> receipts.waiters() == 1);
        waiting = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        Thread.sleep(300);
        assertFalse(waiting.isDone());
        assertEquals(1, receipts.waiters(), "the second request waits in the gateway, not in the store");

        stopped = gateway.gateway().shutdown(10_000);
        Http.Response late = allmine(http, a);
        AllmineClient.assertError(late, 503, "Service unavailable");
        assertEquals("close", late.header("Connection"));
        assertFalse(stopped.isComplete(), "the drain waits for the running and the waiting request");
      } finally {
        receipts.release();
      }
      for (CompletableFuture<Http.Response> served : List.of(running, waiting)) {
        Http.Response response = served.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.status(), response.body());
      }
      stopped.await(10, TimeUnit.SECONDS);
    } finally {
      callers.shutdownNow();
    }
  }

  /** A pool of 2, share 1, queue 1, with the shipped pipelining: the isolation above is the default's. */
  private static TestGateway startWithShareOfOne() {
    return TestGateway.start(c -> c.withDatabase(new GatewayConfig.Database(
        c.database().url(), 2, c.database().maxWaitQueueSize(), 10_000, 1, 1, Optional.empty(),
        GatewayConfig.Replicas.NONE, c.database().pipelining())));
  }

  private static Http.Response allmine(Http http, LimitedTenant tenant) {
    return http.get(AllmineClient.PATH + TwoTenants.ROOM_ID, "Authorization", "Bearer " + tenant.jwt());
  }

  private static Http.Response deadSimpleChat(Http http, LimitedTenant tenant) {
    return http.get(DeadSimpleChatClient.path(TwoTenants.ROOM_ID,
        "auth=" + URLEncoder.encode(tenant.apiKey(), StandardCharsets.UTF_8)));
  }


  private static void eventually(BooleanSupplier condition) {
    io.chatgw.gateway.support.Eventually.eventually(java.time.Duration.ofSeconds(10), "the condition",
        condition::getAsBoolean, Boolean::booleanValue);
  }
}
