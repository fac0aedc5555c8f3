package io.chatgw.gateway.store;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The primary's pipelined reads ({@code database.pipelining} > 1), with a tenant's statements
 * only ever behind its own: each event loop leases connections of the pool for a tenant, at most
 * {@code perTenant} at once, and sends up to {@code depth} of that tenant's single-statement reads
 * on each (the least loaded first). A connection carries one tenant's statements while it is
 * leased and goes back to the pool when its last one has answered. Beyond that a tenant's reads
 * wait on their event loop, in order, for one of its statements to answer (bounded by the requests
 * the tenant share lets in flight); one that waited past the deadline is not sent.
 *
 * <p>So a tenant whose statements stall holds at most {@code perTenant} connections on each loop
 * (the composition root takes the pool less one, split over the loops), and another tenant's read
 * finds a connection of its own, as without pipelining (docs/decisions.md, "Pipelined reads").
 * Vert.x's own pipelined client puts a statement on the first connection with room, whoever's
 * statements are on it.
 *
 * <p>Confined to event-loop threads (a lane per loop, no locks); a read from any other thread
 * goes to the pool.
 */
final class TenantLanes {

  /** A connection leased for one tenant, with the statements sent on it and not yet answered. */
  private static final class Lease {
    SqlConnection connection;
    int inFlight;
    /** Sends waiting for the pool to lend the connection; null once it has answered. */
    List<Handler<AsyncResult<SqlConnection>>> unsent = new ArrayList<>(2);
    /** Why the pool lent none (the lease is gone then). */
    Throwable failure;
  }

  /** A read waiting for one of its tenant's statements to answer. */
  private record Waiter<T>(Function<SqlClient, Future<T>> call, Promise<T> promise, long deadlineNanos) {}

  /** One tenant's leases and waiting reads on one event loop. */
  private static final class Tenant {
    final List<Lease> leases = new ArrayList<>(2);
    final ArrayDeque<Waiter<?>> waiting = new ArrayDeque<>();

    Lease leastLoaded() {
      Lease least = null;
      for (Lease lease : leases) {
        if (least == null || lease.inFlight < least.inFlight) {
          least = lease;
        }
      }
      return least;
    }

    boolean idle() {
      return leases.isEmpty() && waiting.isEmpty();
    }
  }

  /** An event loop's tenants with leases or waiting reads. */
  private static final class Lane {
    final Map<String, Tenant> tenants = new HashMap<>();
  }

  private static final String PAST_DEADLINE = "waited past the deadline for a statement of its tenant to answer";

  private final Pool pool;
  private final int depth;
  private final int perTenant;
  private final long deadlineNanos;
  private final ThreadLocal<Lane> lanes = ThreadLocal.withInitial(Lane::new);

  /**
   * @param depth statements in flight on one connection at most
   * @param perTenant connections one tenant leases on one event loop at most
   */
  TenantLanes(Pool pool, int depth, int perTenant, long deadlineMillis) {
    this.pool = pool;
    this.depth = depth;
    this.perTenant = Math.max(1, perTenant);
    this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
  }

  /** Runs {@code call} on a connection leased for {@code tenant}, behind at most its own statements. */
  <T> Future<T> read(String tenant, Function<SqlClient, Future<T>> call) {
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) {
      return call.apply(pool);
    }
    Lane lane = lanes.get();
    Tenant t = lane.tenants.computeIfAbsent(tenant, k -> new Tenant());
    Promise<T> promise = Promise.promise();
    // every lease has a statement on it (it goes back when its last one answers): spread first
    Lease lease = t.leases.size() < perTenant ? open(lane, tenant, t) : t.leastLoaded();
    if (lease.inFlight < depth) {
      send(lane, tenant, t, lease, call, promise);
    } else {
      t.waiting.add(new Waiter<>(call, promise, System.nanoTime() + deadlineNanos));
    }
    return promise.future();
  }

  private Lease open(Lane lane, String tenant, Tenant t) {
    Lease lease = new Lease();
    t.leases.add(lease);
    pool.getConnection().onComplete(ar -> {
      List<Handler<AsyncResult<SqlConnection>>> unsent = lease.unsent;
      lease.unsent = null;
      if (ar.succeeded()) {
        lease.connection = ar.result();
      } else { // the pool could not lend one (an outage, its wait queue full): what was sent on it fails so
        t.leases.remove(lease);
        lease.inFlight = 0;
        lease.failure = ar.cause();
      }
      unsent.forEach(send -> send.handle(ar));
      if (ar.failed()) {
        redispatch(lane, tenant, t);
      }
    });
    return lease;
  }

  private <T> void send(Lane lane, String tenant, Tenant t, Lease lease, Function<SqlClient, Future<T>> call,
      Promise<T> promise) {
    if (lease.failure != null) { // the pool refused at once
      promise.fail(lease.failure);
      return;
    }
    lease.inFlight++;
    if (lease.unsent != null) {
      lease.unsent.add(lent -> {
        if (lent.succeeded()) {
          run(lane, tenant, t, lease, call, promise);
        } else {
          promise.fail(lent.cause());
        }
      });
    } else {
      run(lane, tenant, t, lease, call, promise);
    }
  }

  private <T> void run(Lane lane, String tenant, Tenant t, Lease lease, Function<SqlClient, Future<T>> call,
      Promise<T> promise) {
    Future<T> result;
    try {
      result = call.apply(lease.connection);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      // the next statement first, so that it is on its way before this answer is rendered
      answered(lane, tenant, t, lease);
      promise.handle(ar);
    });
  }

  /** One of the lease's statements answered: the tenant's longest waiting read takes its place, else it is one fewer. */
  private void answered(Lane lane, String tenant, Tenant t, Lease lease) {
    lease.inFlight--;
    Waiter<?> next = nextLive(t);
    if (next != null) {
      sendWaiter(lane, tenant, t, lease, next);
      return;
    }
    if (lease.inFlight == 0) {
      t.leases.remove(lease);
      lease.connection.close();
      if (t.idle()) {
        lane.tenants.remove(tenant);
      }
    }
  }

  private <T> void sendWaiter(Lane lane, String tenant, Tenant t, Lease lease, Waiter<T> waiter) {
    send(lane, tenant, t, lease, waiter.call(), waiter.promise());
  }

  /** The longest waiting read still within its deadline; those past it are dropped (their answer was a 503). */
  private static Waiter<?> nextLive(Tenant t) {
    long now = System.nanoTime();
    Waiter<?> next;
    while ((next = t.waiting.poll()) != null) {
      if (now - next.deadlineNanos() < 0) {
        return next;
      }
      next.promise().tryFail(PAST_DEADLINE);
    }
    return null;
  }

  /** A lease could not be opened: the tenant's waiting reads are chosen for again (a new lease, or a wait). */
  private void redispatch(Lane lane, String tenant, Tenant t) {
    List<Waiter<?>> waiting = new ArrayList<>(t.waiting);
    t.waiting.clear();
    if (t.idle()) {
      lane.tenants.remove(tenant);
    }
    waiting.forEach(w -> redispatch(tenant, w));
  }

  private <T> void redispatch(String tenant, Waiter<T> waiter) {
    if (System.nanoTime() - waiter.deadlineNanos() >= 0) {
      waiter.promise().tryFail(PAST_DEADLINE);
      return;
    }
    read(tenant, waiter.call()).onComplete(waiter.promise());
  }
}
