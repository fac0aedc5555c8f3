package io.chatgw.gateway.store;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a history page is read: a read replica in rotation that has replayed the newest commit
 * this instance knows of (the fence), else the primary (docs/decisions.md, "Read replicas").
 *
 * <p>The fence is the primary's WAL insert position read after each commit this instance makes
 * ({@link #committed}) and after each change notification or (re)start of the change listener
 * ({@link #resync}), so it is at or past the end of every commit that was notified. Until the
 * position asked for after the last notification has come back, and while the change listener
 * does not listen (a commit could go unnoticed), every read goes to the primary. A read that fails
 * on a replica for want of it (refused, lost, shutting down; not bad input, not a deadline already
 * spent) is read once more on the primary, within what is left of the deadline.
 */
public final class ReadPools {

  private static final Logger log = LoggerFactory.getLogger(ReadPools.class);

  /** At or past the end of every commit so far. */
  static final String PRIMARY_POSITION = "SELECT pg_current_wal_insert_lsn()::text";
  static final long CATCH_UP_POLL_MILLIS = 5;

  private final Vertx vertx;
  private final Pool primary;
  /** The primary's pipelined reads ({@code database.pipelining} > 1), tenant by tenant; null: one at a time on the pool. */
  private final TenantLanes lanes;
  private final List<Replica> replicas;
  private final Deadlines deadlines;
  private final long deadlineMillis;
  private final long catchUpMillis;
  private final long probeMillis;
  private final BooleanSupplier listening;
  private final AtomicLong fence = new AtomicLong(Lsn.NONE);
  private final AtomicLong resyncsAsked = new AtomicLong(1);
  private final AtomicLong resyncsAnswered = new AtomicLong();
  private final AtomicBoolean resyncing = new AtomicBoolean();
  private final AtomicInteger next = new AtomicInteger();
  private final LongAdder primaryReads = new LongAdder();
  private final LongAdder replicaReads = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder catchUpTimeouts = new LongAdder();
  private volatile long primaryPosition = Lsn.NONE;
  private volatile long probeTimer = -1;

  private ReadPools(Vertx vertx, Pool primary, TenantLanes lanes, List<Replica> replicas, Deadlines deadlines,
      long deadlineMillis, long catchUpMillis, long probeMillis, BooleanSupplier listening) {
    this.vertx = vertx;
    this.primary = primary;
    this.lanes = lanes;
    this.replicas = List.copyOf(replicas);
    this.deadlines = deadlines;
    this.deadlineMillis = deadlineMillis;
    this.catchUpMillis = catchUpMillis;
    this.probeMillis = probeMillis;
    this.listening = listening;
  }

  /** Every read on {@code primary} (no replicas configured, or a test's own pool). */
  public static ReadPools primaryOnly(Pool primary, Deadlines deadlines) {
    return new ReadPools(null, primary, null, List.of(), deadlines, 0, 0, 1, () -> false);
  }

  /**
   * The primary and a pool per {@code database.replicas.urls}; {@code listening} tells whether the
   * change listener listens now; {@code eventLoops}: how many loops read (the pipelined reads'
   * connections are split over them). Call {@link #start} to begin probing.
   */
  public static ReadPools create(Vertx vertx, Pool primary, GatewayConfig.Database db, Deadlines deadlines,
      BooleanSupplier listening, int eventLoops) {
    List<Replica> replicas = new ArrayList<>();
    GatewayConfig.Replicas settings = db.replicas();
    for (int i = 0; i < settings.urls().size(); i++) {
      replicas.add(new Replica(i, Pools.replica(vertx, db, i), db.deadlineMillis(), settings.probeMillis()));
    }
    // a tenant's pipelined reads hold at most the pool less one connection, so another tenant finds one
    int perTenant = (db.poolSize() - 1) / Math.max(1, eventLoops);
    if (db.pipelining() > 1 && perTenant < 1) {
      log.warn("database.pipelining {} with a pool of {} on {} event loops: a tenant may lease every connection, "
          + "so one tenant's stalled reads can hold up the others'; give the pool more connections than event loops",
          db.pipelining(), db.poolSize(), eventLoops);
    }
    TenantLanes lanes = db.pipelining() == 1 ? null
        : new TenantLanes(primary, db.pipelining(), Math.max(1, perTenant), db.deadlineMillis());
    return new ReadPools(vertx, primary, lanes, replicas, deadlines, db.deadlineMillis(),
        settings.catchUpMillis(), settings.probeMillis(), listening);
  }

  /** The replicas, in configuration order. */
  public List<Replica> replicas() {
    return replicas;
  }

  /** Starts the probes and reads the first fence; nothing without replicas. */
  public void start() {
    if (replicas.isEmpty()) {
      return;
    }
    probeTimer = vertx.setPeriodic(1, probeMillis, t -> primaryPosition().onSuccess(p -> primaryPosition = p));
    replicas.forEach(r -> r.startProbing(vertx, () -> primaryPosition));
    runResync();
  }

  /** Stops the probes (the pools close with Vert.x). */
  public void stop() {
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
    }
    replicas.forEach(Replica::stopProbing);
  }

  /**
   * Runs {@code call}, a read of {@code tenant}'s, on a replica that may serve it, else on the
   * primary (pipelined behind at most the tenant's own statements, when {@code database.pipelining}
   * allows), within the deadline; its failure is the status {@link Failures#ofDatabase} gives it.
   */
  public <T> Future<T> read(String tenant, Function<SqlClient, Future<T>> call) {
    return read(call, () -> lanes == null ? call.apply(primary) : lanes.read(tenant, call));
  }

  /** {@link #read(String, Function)} of no one tenant's (many rooms' positions): on the pool, one at a time. */
  public <T> Future<T> read(Function<SqlClient, Future<T>> call) {
    return read(call, () -> call.apply(primary));
  }

  private <T> Future<T> read(Function<SqlClient, Future<T>> call, Supplier<Future<T>> onPrimary) {
    Replica replica = pick();
    if (replica == null) {
      primaryReads.increment();
      return deadlines.bound(onPrimary.get());
    }
    long started = System.nanoTime();
    return call.apply(replica.pool()).timeout(deadlineMillis, TimeUnit.MILLISECONDS).transform(ar -> {
      if (ar.succeeded()) {
        replicaReads.increment();
        return Future.succeededFuture(ar.result());
      }
      Throwable cause = ar.cause();
      if (!unavailable(cause)) {
        return deadlines.bound(Future.failedFuture(cause));
      }
      if (lostServer(cause)) {
        replica.down(cause);
      }
      if (cause instanceof TimeoutException) { // the deadline is spent: no time left for the primary
        return deadlines.bound(Future.failedFuture(cause));
      }
      fallbacks.increment();
      primaryReads.increment();
      long spentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return deadlines.bound(onPrimary.get(), deadlineMillis - spentMillis);
    });
  }

  /**
   * After a commit of this instance: the fence moves past it at once, so reads here see it; then
   * this waits up to {@code catchUpMillis} until every replica in rotation has replayed it, so that
   * another instance that has not heard the notification yet reads it too. Never fails.
   */
  public Future<Void> committed() {
    if (replicas.isEmpty()) {
      return Future.succeededFuture();
    }
    return primaryPosition().transform(ar -> {
      if (ar.failed()) { // the primary's position is not known: no replica reads until it is
        resync();
        return Future.succeededFuture();
      }
      raise(ar.result());
      Promise<Void> caughtUp = Promise.promise();
      awaitReplay(ar.result(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(catchUpMillis), caughtUp);
      return caughtUp.future();
    });
  }

  /**
   * Something was committed (a change notification), or anything may have been (the listener
   * (re)started): reads stay on the primary until the primary's position, asked now, has come back
   * and moved the fence. Requests that arrive while one is asked are answered by one more.
   */
  public void resync() {
    if (replicas.isEmpty()) {
      return;
    }
    resyncsAsked.incrementAndGet();
    if (resyncing.compareAndSet(false, true)) {
      runResync();
    }
  }

  private void runResync() {
    long asked = resyncsAsked.get();
    primaryPosition().onComplete(ar -> {
      if (ar.failed()) {
        vertx.setTimer(probeMillis, t -> runResync());
        return;
      }
      raise(ar.result());
      resyncsAnswered.accumulateAndGet(asked, Math::max);
      if (resyncsAsked.get() > asked) {
        runResync();
        return;
      }
      resyncing.set(false);
      if (resyncsAsked.get() > resyncsAnswered.get() && resyncing.compareAndSet(false, true)) {
        runResync();
      }
    });
  }

  private Future<Long> primaryPosition() {
    return primary.preparedQuery(PRIMARY_POSITION).execute().timeout(deadlineMillis, TimeUnit.MILLISECONDS)
        .map(rows -> Lsn.parse(rows.iterator().next().getString(0)));
  }

  private void raise(long position) {
    fence.accumulateAndGet(position, Math::max);
  }

  private void awaitReplay(long position, long untilNanos, Promise<Void> done) {
    List<Future<Long>> behind = new ArrayList<>();
    for (Replica replica : replicas) {
      if (replica.up() && replica.replayed() < position) {
        behind.add(replica.readReplay());
      }
    }
    if (behind.isEmpty()) {
      done.complete();
      return;
    }
    Future.join(behind).onComplete(ar -> {
      boolean allCaughtUp = replicas.stream().noneMatch(r -> r.up() && r.replayed() < position);
      if (allCaughtUp) {
        done.complete();
      } else if (System.nanoTime() >= untilNanos) {
        catchUpTimeouts.increment();
        log.debug("A replica had not replayed an import within {} ms; it stays out of rotation until it has",
            catchUpMillis);
        done.complete();
      } else {
        vertx.setTimer(CATCH_UP_POLL_MILLIS, t -> awaitReplay(position, untilNanos, done));
      }
    });
  }

  /** The next replica in turn that is up and has replayed the fence; null: the primary. */
  private Replica pick() {
    if (replicas.isEmpty() || !listening.getAsBoolean()) {
      return null;
    }
    if (resyncsAnswered.get() < resyncsAsked.get()) {
      return null;
    }
    long needed = fence.get();
    int n = replicas.size();
    int first = Math.floorMod(next.getAndIncrement(), n);
    for (int i = 0; i < n; i++) {
      Replica candidate = replicas.get((first + i) % n);
      if (candidate.up() && candidate.replayed() >= needed) {
        return candidate;
      }
    }
    return null;
  }

  /** A failure for want of the database (503), not bad input, nor a page over its bound. */
  private static boolean unavailable(Throwable cause) {
    return !(cause instanceof GatewayError) && Failures.databaseStatus(cause) == GatewayError.UNAVAILABLE;
  }

  /** The replica itself is gone (no SQLSTATE: refused, reset, closed; or class 08/57: connection, shutdown). */
  private static boolean lostServer(Throwable cause) {
    return Failures.sqlState(cause).map(state -> state.startsWith("08") || state.startsWith("57")).orElse(true);
  }

  public long primaryReads() {
    return primaryReads.sum();
  }

  public long replicaReads() {
    return replicaReads.sum();
  }

  /** Reads that failed on a replica and were read again on the primary. */
  public long fallbacks() {
    return fallbacks.sum();
  }

  /** Imports that answered before every replica in rotation had replayed them ({@code catchUpMillis} passed). */
  public long catchUpTimeouts() {
    return catchUpTimeouts.sum();
  }
}
