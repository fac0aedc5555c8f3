package io.chatgw.gateway.limits;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A tenant's share of the database pool: at most {@code share} of its history requests in flight
 * to the store at once, counted from send to reply across every router verticle (thread-safe).
 * Those beyond it wait in the tenant's FIFO queue, at most {@code queueLimit} of them, and start
 * on their own event loop as one of the tenant's requests completes. Past the bound, or after
 * waiting {@code maxWaitMillis} (the database deadline), the answer is a 503 with
 * {@code Retry-After: 1}. A tenant's state exists only while it has requests running or waiting.
 *
 * <p>The share is a floor, not a ceiling, while the pool is not busy: a tenant may run past its
 * share as long as fewer than {@code idleLimit} requests of all tenants are in flight (the
 * composition root uses the pool size less one), so a lone tenant uses (nearly) the whole pool
 * and another tenant's request still finds a connection free or gets the next one. With the share
 * as a hard ceiling, a single-tenant benchmark lost up to a quarter of its throughput.
 */
public final class TenantShare {

  static final ResponseHeaders RETRY_SOON = ResponseHeaders.of(HttpHeaders.RETRY_AFTER, "1");

  private enum Outcome { RUN, WAIT, REFUSE }

  /** Read and changed only inside {@code compute} on its key, which serialises every change. */
  private static final class Tenant {
    int running;
    /** Made when the first request has to wait: most tenants never reach their share. */
    ArrayDeque<Waiter<?>> waiting;

    boolean idle() {
      return running == 0 && (waiting == null || waiting.isEmpty());
    }

    int queued() {
      return waiting == null ? 0 : waiting.size();
    }

    void enqueue(Waiter<?> waiter) {
      if (waiting == null) {
        waiting = new ArrayDeque<>();
      }
      waiting.add(waiter);
    }

    Waiter<?> next() {
      return waiting == null ? null : waiting.poll();
    }
  }

  /** A request waiting for its tenant's share: where to start it, and its deadline timer. */
  private static final class Waiter<T> {
    final Context context;
    final Supplier<Future<T>> call;
    final Promise<T> promise = Promise.promise();
    volatile long timer = -1;

    Waiter(Context context, Supplier<Future<T>> call) {
      this.context = context;
      this.call = call;
    }
  }

  private final Vertx vertx;
  private final int share;
  private final int idleLimit;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int queueLimit;
  private final long maxWaitMillis;
  private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final LongAdder refusedQueueFull = new LongAdder();
  private final LongAdder refusedAfterWaiting = new LongAdder();

  /** A share that is also a ceiling. */
  public TenantShare(Vertx vertx, int share, int queueLimit, long maxWaitMillis) {
    this(vertx, share, 0, queueLimit, maxWaitMillis);
  }

  /** @param idleLimit below this many requests in flight (all tenants), a tenant may exceed its share */
  public TenantShare(Vertx vertx, int share, int idleLimit, int queueLimit, long maxWaitMillis) {
    this.vertx = vertx;
    this.share = share;
    this.idleLimit = idleLimit;
    this.queueLimit = queueLimit;
    this.maxWaitMillis = maxWaitMillis;
  }

  /** The configured share: waiting at most the database deadline. */
  public static TenantShare create(Vertx vertx, GatewayConfig.Database database) {
    return new TenantShare(vertx, database.tenantShare(), database.busyLimit(), database.tenantQueue(),
        database.deadlineMillis());
  }

  /** Runs {@code call} within the tenant's share: now, once a running one completes, or not at all (503). */
  public <T> Future<T> run(String tenant, Supplier<Future<T>> call) {
    return run(tenant, maxWaitMillis, call);
  }

  /** {@link #run(String, Supplier)}, waiting at most {@code waitMillis} (and never past {@code maxWaitMillis}). */
  public <T> Future<T> run(String tenant, long waitMillis, Supplier<Future<T>> call) {
    Context context = currentContext();
    Outcome[] outcome = new Outcome[1];
    @SuppressWarnings("unchecked")
    Waiter<T>[] queued = new Waiter[1];
    tenants.compute(tenant, (key, state) -> {
      Tenant t = state != null ? state : new Tenant();
      if (mayRun(t)) {
        t.running++;
        inFlight.incrementAndGet();
        outcome[0] = Outcome.RUN;
      } else if (t.queued() < queueLimit) {
        queued[0] = new Waiter<>(context, call);
        t.enqueue(queued[0]);
        outcome[0] = Outcome.WAIT;
      } else {
        outcome[0] = Outcome.REFUSE;
      }
      return t.idle() ? null : t;
    });
    return switch (outcome[0]) {
      case RUN -> start(tenant, call);
      case WAIT -> {
        Waiter<T> waiter = queued[0];
        // started before the timer is set, the waiter is no longer queued when it fires: no harm
        waiter.timer = vertx.setTimer(Math.max(1, Math.min(waitMillis, maxWaitMillis)), id -> expire(tenant, waiter));
        yield waiter.promise.future();
      }
      case REFUSE -> {
        refusedQueueFull.increment();
        yield Future.failedFuture(busy());
      }
    };
  }

  /** Within its share, or past it while the pool is not busy. Called inside {@code compute} on the tenant. */
  private boolean mayRun(Tenant t) {
    return t.running < share || inFlight.get() < idleLimit;
  }

  /** How many tenants have requests running or waiting (what this class holds memory for). */
  int tenantsHeld() {
    return tenants.size();
  }

  /** Requests refused at once because their tenant's queue was full. */
  public long refusedQueueFull() {
    return refusedQueueFull.sum();
  }

  /** Requests refused because they waited {@code maxWaitMillis} for their tenant's share. */
  public long refusedAfterWaiting() {
    return refusedAfterWaiting.sum();
  }

  /** Requests of all tenants between start and completion. */
  int inFlight() {
    return inFlight.get();
  }

  /**
   * For the stress test: tenants with requests waiting although they are under their share, or,
   * with {@code poolWide} (one tenant only: no other tenant moves the count), although fewer than
   * {@code idleLimit} requests are in flight. A correct hand-over never allows either.
   */
  int lostWakeUps(boolean poolWide) {
    int[] lost = new int[1];
    for (String tenant : tenants.keySet()) {
      tenants.computeIfPresent(tenant, (key, t) -> {
        if (t.queued() > 0 && (t.running < share || (poolWide && mayRun(t)))) {
          lost[0]++;
        }
        return t;
      });
    }
    return lost[0];
  }

  private <T> Future<T> start(String tenant, Supplier<Future<T>> call) {
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> release(tenant));
    return result;
  }

  /** One of the tenant's requests completed: the longest waiting one takes its place. */
  private void release(String tenant) {
    Waiter<?>[] next = new Waiter<?>[1];
    tenants.computeIfPresent(tenant, (key, t) -> {
      t.running--;
      inFlight.decrementAndGet();
      next[0] = mayRun(t) ? t.next() : null;
      if (next[0] != null) {
        t.running++;
        inFlight.incrementAndGet();
      }
      return t.idle() ? null : t;
    });
    if (next[0] != null) {
      startWaiting(tenant, next[0]);
    }
  }

  private <T> void startWaiting(String tenant, Waiter<T> waiter) {
    vertx.cancelTimer(waiter.timer);
    waiter.context.runOnContext(v -> start(tenant, waiter.call).onComplete(waiter.promise));
  }

  /** The waiter's time is up: unless it was started meanwhile, it leaves the queue with a 503. */
  private void expire(String tenant, Waiter<?> waiter) {
    boolean[] removed = new boolean[1];
    tenants.computeIfPresent(tenant, (key, t) -> {
      removed[0] = t.waiting != null && t.waiting.remove(waiter);
      return t.idle() ? null : t;
    });
    if (removed[0]) {
      refusedAfterWaiting.increment();
      waiter.promise.fail(busy());
    }
  }

  private Context currentContext() {
    Context context = Vertx.currentContext();
    return context != null ? context : vertx.getOrCreateContext();
  }

  private static GatewayError busy() {
    return GatewayError.unavailable().withHeaders(RETRY_SOON);
  }
}
