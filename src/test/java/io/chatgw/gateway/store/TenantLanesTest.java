package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.TestPostgres;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/decisions.md, "Pipelined reads": the lanes' rules on a real pool of 2 connections, from one
 * event loop. A statement is made slow with {@code pg_sleep}, so that what waits behind it shows.
 */
class TenantLanesTest {

  Vertx vertx;
  Pool pool;
  Context loop;
  /** Which backend (pid) ran each read, in the order they answered. */
  final List<String> answered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(PgConnectOptions.fromUri(TestPostgres.url()).setPipeliningLimit(256)).using(vertx).build();
    loop = vertx.getOrCreateContext();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A read that answers after {@code seconds} with its backend's pid, recorded under {@code name}. */
  Function<SqlClient, Future<Integer>> read(String name, double seconds) {
    return client -> client.preparedQuery("SELECT pg_backend_pid() FROM pg_sleep($1)").execute(
            Tuple.of(seconds))
        .map(rows -> {
          answered.add(name);
          return rows.iterator().next().getInteger(0);
        });
  }

  /** Starts {@code read} on the event loop, as the message verticle does. */
  <T> Future<T> onLoop(Supplier<Future<T>> read) {
    Promise<T> promise = Promise.promise();
    loop.runOnContext(v -> read.get().onComplete(promise));
    return promise.future();
  }

  @Test
  void aTenantsReadsPastItsLeaseWaitBehindItsOwnWhileAnotherTenantGetsAConnection() throws Exception {
    TenantLanes lanes = new TenantLanes(pool, 2, 1, 10_000);
    Future<Integer> a1 = onLoop(() -> lanes.read("a", read("a1", 0.6)));
    Future<Integer> a2 = onLoop(() -> lanes.read("a", read("a2", 0)));
    Future<Integer> a3 = onLoop(() -> lanes.read("a", read("a3", 0)));
    Future<Integer> b1 = onLoop(() -> lanes.read("b", read("b1", 0)));
    int b = b1.await(5, TimeUnit.SECONDS);
    assertEquals(List.of("b1"), answered, "B is not behind A's slow read");
    assertEquals(a1.await(5, TimeUnit.SECONDS), a2.await(5, TimeUnit.SECONDS), "A's second read pipelined on A's lease");
    assertEquals(a1.result(), a3.await(5, TimeUnit.SECONDS), "A's third waited for that lease, not a new one");
    assertFalse(a1.result() == b, "B read on a connection of its own");
    assertEquals(List.of("b1", "a1", "a2", "a3"), answered);
  }

  @Test
  void aReadThatWaitedPastItsDeadlineIsNotSent() throws Exception {
    TenantLanes lanes = new TenantLanes(pool, 1, 1, 200);
    Future<Integer> slow = onLoop(() -> lanes.read("a", read("slow", 0.6)));
    Future<Integer> late = onLoop(() -> lanes.read("a", read("late", 0)));
    slow.await(5, TimeUnit.SECONDS);
    Throwable failure = late.transform(Future::succeededFuture).await(5, TimeUnit.SECONDS).cause();
    assertTrue(failure != null && failure.getMessage().contains("deadline"), "late: " + failure);
    assertEquals(List.of("slow"), answered, "the late read never reached the database");
    Future<Integer> next = onLoop(() -> lanes.read("a", read("next", 0)));
    next.await(5, TimeUnit.SECONDS);
    assertEquals(List.of("slow", "next"), answered, "the tenant's lane works on");
  }

  @Test
  void readsSentOnALeaseThePoolCannotLendFailAndTheNextOnesGetALeaseAgain() throws Exception {
    Pool unreachable = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setConnectionTimeout(500)
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectingTo(PgConnectOptions.fromUri(TestPostgres.url()).setPort(1)).using(vertx).build();
    TenantLanes lanes = new TenantLanes(unreachable, 2, 1, 10_000);
    Future<Integer> first = onLoop(() -> lanes.read("a", read("first", 0)));
    Future<Integer> second = onLoop(() -> lanes.read("a", read("second", 0)));
    Future<Integer> third = onLoop(() -> lanes.read("a", read("third", 0)));
    for (Future<Integer> read : List.of(first, second, third)) {
      assertTrue(read.transform(Future::succeededFuture).await(5, TimeUnit.SECONDS).failed(),
          "fails with the pool's refusal, does not hang");
    }
    assertEquals(List.of(), answered);
  }
}
