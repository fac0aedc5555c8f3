package io.chatgw.gateway.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.ReadPools;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestPostgres;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The positions a conditional poll is answered from (issue 12: a 304 must never be stale after an
 * import has returned), read many rooms to a statement: on a real PostgreSQL, through a pool that
 * counts the statements and can hold an answer back after the statement ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomPositionsTest {

  Vertx vertx;
  Pool real;
  HeldPool held;
  Context loop;
  long r1;
  long r2;
  long r3;

  @BeforeAll
  void load() {
    try (Http http = new Http(TestGateway.shared().port())) {
      Docs d = Docs.newTenant("positions").user("u1", "alice").room("r1", 1, "u1").room("r2", 2, "u1")
          .room("r3", 3, "u1");
      new Admin(http).load(d.json());
      vertx = Vertx.vertx();
      real = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
          .connectingTo(PgConnectOptions.fromUri(TestPostgres.url())).using(vertx).build();
      r1 = pk(d.tenant(), "r1");
      r2 = pk(d.tenant(), "r2");
      r3 = pk(d.tenant(), "r3");
    }
  }

  @AfterAll
  void close() {
    vertx.close().await();
  }

  @BeforeEach
  void freshPool() {
    held = new HeldPool(real);
    loop = vertx.getOrCreateContext();
  }

  long pk(String tenant, String room) {
    return real.preparedQuery("SELECT pk FROM room WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, room))
        .await().iterator().next().getLong(0);
  }

  long stored(long room) {
    return real.preparedQuery("SELECT last_change_pos FROM room WHERE pk = $1").execute(Tuple.of(room)).await()
        .iterator().next().getLong(0);
  }

  RoomPositions positions(int maxWaiting) {
    return new RoomPositions(ReadPools.primaryOnly(held.pool(), new Deadlines(5000)), maxWaiting);
  }

  /** Calls {@code of} on the event loop, as a message verticle does. */
  <T> Future<T> onLoop(Supplier<Future<T>> call) {
    CompletableFuture<Future<T>> started = new CompletableFuture<>();
    loop.runOnContext(v -> started.complete(call.get()));
    return started.join();
  }

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void pollsThatArriveWhileAStatementRunsShareTheNext() throws Exception {
    RoomPositions positions = positions(1024);
    List<Future<Long>> polls = onLoop(() -> {
      List<Future<Long>> all = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        all.add(positions.of(i % 3 == 0 ? r1 : i % 3 == 1 ? r2 : r3));
      }
      return Future.succeededFuture(all);
    }).await();
    for (int i = 0; i < 60; i++) {
      assertEquals(stored(i % 3 == 0 ? r1 : i % 3 == 1 ? r2 : r3), result(polls.get(i)), "poll " + i);
    }
    assertEquals(2, held.statements.get(), "the first poll alone, then the other 59 (three rooms) in one");
    assertEquals(List.of(1, 3), held.rooms);
  }

  @Test
  void aPollNeverJoinsAStatementSentBeforeItArrived() throws Exception {
    RoomPositions positions = positions(1024);
    long before = stored(r1);
    held.hold();
    Future<Long> first = onLoop(() -> positions.of(r1));
    Eventually.eventually(Duration.ofSeconds(10), "the first statement has run", () -> held.ran.get() == 1);
    // an import that returns now, after the first statement read the room, before the second poll arrives
    real.preparedQuery("UPDATE room SET last_change_pos = last_change_pos + 1000 WHERE pk = $1")
        .execute(Tuple.of(r1)).await();
    Future<Long> second = onLoop(() -> positions.of(r1));
    held.release(loop);
    assertEquals(before, result(first), "the first poll has what its statement read");
    assertEquals(before + 1000, result(second), "the second poll is read after it arrived: it sees the commit");
    assertEquals(2, held.statements.get());
  }

  @Test
  void pastTheBoundAPollIsUnavailableAtOnceAndTheOthersAreAnswered() throws Exception {
    RoomPositions positions = positions(3);
    held.hold();
    Future<Long> inFlight = onLoop(() -> positions.of(r1));
    Eventually.eventually(Duration.ofSeconds(10), "the first statement has run", () -> held.ran.get() == 1);
    List<Future<Long>> waiting = new ArrayList<>();
    for (long room : new long[] {r1, r2, r3}) {
      waiting.add(onLoop(() -> positions.of(room)));
    }
    Future<Long> refused = onLoop(() -> positions.of(r2));
    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> result(refused));
    assertEquals(503, assertInstanceOf(GatewayError.class, failure.getCause()).status());
    held.release(loop);
    assertEquals(stored(r1), result(inFlight));
    assertEquals(List.of(stored(r1), stored(r2), stored(r3)),
        List.of(result(waiting.get(0)), result(waiting.get(1)), result(waiting.get(2))));
  }

  @Test
  void aRoomThatIsGoneHasNoPosition() throws Exception {
    assertEquals(null, result(onLoop(() -> positions(8).of(-1))));
  }

  /**
   * A pool whose prepared statements run at once but whose answers can be held back, counting the
   * statements and the rooms each asked for.
   */
  static final class HeldPool {
    final Pool real;
    final AtomicInteger statements = new AtomicInteger();
    final AtomicInteger ran = new AtomicInteger();
    final List<Integer> rooms = new ArrayList<>();
    volatile Promise<Void> gate;

    HeldPool(Pool real) {
      this.real = real;
    }

    void hold() {
      gate = Promise.promise();
    }

    /** Lets the held answers through, on {@code loop} (where a message verticle's answers arrive). */
    void release(Context loop) {
      loop.runOnContext(v -> gate.complete());
    }

    Pool pool() {
      return (Pool) Proxy.newProxyInstance(Pool.class.getClassLoader(), new Class<?>[] {Pool.class},
          (proxy, method, args) -> {
            Object result = invoke(method, real, args);
            if (method.getName().equals("preparedQuery")) {
              return query((PreparedQuery<?>) result);
            }
            return result;
          });
    }

    @SuppressWarnings("unchecked")
    private Object query(PreparedQuery<?> query) {
      return Proxy.newProxyInstance(PreparedQuery.class.getClassLoader(), new Class<?>[] {PreparedQuery.class},
          (proxy, method, args) -> {
            if (method.getName().equals("execute") && args != null && args.length == 1 && args[0] instanceof Tuple t) {
              statements.incrementAndGet();
              synchronized (rooms) {
                rooms.add(((Long[]) t.getValue(0)).length);
              }
              Promise<Void> wait = gate;
              Future<RowSet<Row>> rows = (Future<RowSet<Row>>) invoke(method, query, args);
              return rows.onSuccess(r -> ran.incrementAndGet())
                  .compose(r -> wait == null ? Future.succeededFuture(r) : wait.future().map(r));
            }
            return invoke(method, query, args);
          });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
