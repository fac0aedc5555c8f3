package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.allmine.AllmineClient;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LimitedTenant;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

  /** The gateway's sessions waiting for a lock: only the test's lock on read_receipt is held meanwhile. */
  static final String WAITING_ON_RECEIPTS = """
      SELECT count(*) FROM pg_stat_activity
       WHERE application_name = 'chat-history-gateway' AND wait_event_type = 'Lock'""";

  @Test
  void aTenantAtItsShareWaitsOrIsRefusedWhileAnotherTenantIsServed() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try (TestGateway gateway = startWithShareOfOne();
        Http http = new Http(gateway.port())) {
      LimitedTenant a = LimitedTenant.load(http, "share-a", null);
      LimitedTenant b = LimitedTenant.load(http, "share-b", null);
      assertEquals(200, allmine(http, a).status(), "A is served while nothing is slow");
      assertEquals(200, deadSimpleChat(http, b).status());

      SqlConnection lockHolder = gateway.sql().getConnection().await();
      Transaction lock = lockHolder.begin().await();
      lockHolder.query("LOCK TABLE read_receipt IN ACCESS EXCLUSIVE MODE").execute().await();
      CompletableFuture<Http.Response> running;
      CompletableFuture<Http.Response> waiting;
      try {
        running = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        eventually(() -> waitingOnReceipts(gateway) == 1);

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
        assertEquals(1, waitingOnReceipts(gateway), "only one of A's requests reached the store");
      } finally {
        lock.rollback().await();
        lockHolder.close().await();
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
   * docs/decisions.md, "Pipelined reads": why {@code database.pipelining} is off by default. With
   * 2 statements a connection, Vert.x puts a read on a connection that already has one in flight;
   * once each of the 2 connections holds one of A's stalled reads, B's read waits behind one of
   * them and answers 503 at the deadline: the share no longer isolates B from A.
   */
  @Test
  void withPipelinedReadsOneTenantsStalledReadsHoldUpAnothersRead() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (TestGateway gateway = TestGateway.start(c -> c.withDatabase(new GatewayConfig.Database(
        c.database().url(), 2, c.database().maxWaitQueueSize(), 3_000, 1, 16, Optional.empty(),
        GatewayConfig.Replicas.NONE, 2)));
        Http http = new Http(gateway.port())) {
      LimitedTenant a = LimitedTenant.load(http, "pipelined-a", null);
      LimitedTenant b = LimitedTenant.load(http, "pipelined-b", null);
      assertEquals(200, allmine(http, a).status());
      assertEquals(200, deadSimpleChat(http, b).status());
      SqlConnection lockHolder = gateway.sql().getConnection().await();
      Transaction lock = lockHolder.begin().await();
      lockHolder.query("LOCK TABLE read_receipt IN ACCESS EXCLUSIVE MODE").execute().await();
      try {
        CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        eventually(() -> waitingOnReceipts(gateway) == 1);
        CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
        eventually(() -> waitingOnReceipts(gateway) == 2);
        Http.Response other = deadSimpleChat(http, b);
        assertEquals(503, other.status(), "B's read waited behind one of A's: " + other.body());
      } finally {
        lock.rollback().await();
        lockHolder.close().await();
      }
      assertEquals(200, deadSimpleChat(http, b).status(), "served again once A's reads are done");
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

      SqlConnection lockHolder = gateway.sql().getConnection().await();
      Transaction lock = lockHolder.begin().await();
      lockHolder.query("LOCK TABLE read_receipt IN ACCESS EXCLUSIVE MODE").execute().await();
      CompletableFuture<Http.Response> running = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
      eventually(() -> waitingOnReceipts(gateway) == 1);
      CompletableFuture<Http.Response> waiting = CompletableFuture.supplyAsync(() -> allmine(http, a), callers);
      Thread.sleep(300);
      assertFalse(waiting.isDone());
      assertEquals(1, waitingOnReceipts(gateway), "the second request waits in the gateway, not in the store");

      Future<Void> stopped = gateway.gateway().shutdown(10_000);
      Http.Response late = allmine(http, a);
      AllmineClient.assertError(late, 503, "Service unavailable");
      assertEquals("close", late.header("Connection"));
      assertFalse(stopped.isComplete(), "the drain waits for the running and the waiting request");

      lock.rollback().await();
      lockHolder.close().await();
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

  private static long waitingOnReceipts(TestGateway gateway) {
    return gateway.sql().query(WAITING_ON_RECEIPTS).execute().await().iterator().next().getLong(0);
  }

  private static void eventually(BooleanSupplier condition) {
    io.chatgw.gateway.support.Eventually.eventually(java.time.Duration.ofSeconds(10), "the condition",
        condition::getAsBoolean, Boolean::booleanValue);
  }
}
