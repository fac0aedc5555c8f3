package io.chatgw.gateway.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read replica: its pool, whether it answers, and how far it has replayed the primary's WAL.
 * A probe reads its replay position every {@code probeMillis} off the request path; one that
 * fails (or finds a server that is not in recovery, so not a replica) takes it out of rotation,
 * and it is probed again after a back-off until it answers, which puts it back.
 */
public final class Replica {

  private static final Logger log = LoggerFactory.getLogger(Replica.class);

  /** Null on a server that is not in recovery. */
  static final String REPLAY_POSITION = "SELECT pg_last_wal_replay_lsn()::text";

  private final int index;
  private final Pool pool;
  private final long deadlineMillis;
  private final Backoff probeBackoff;
  private final AtomicBoolean up = new AtomicBoolean();
  private volatile long replayed = Lsn.NONE;
  private volatile long lagBytes;
  private volatile boolean stopped;
  private volatile boolean everUp;
  private final AtomicBoolean toldNotUp = new AtomicBoolean();
  private int probeFailures;

  Replica(int index, Pool pool, long deadlineMillis, long probeMillis) {
    this.index = index;
    this.pool = pool;
    this.deadlineMillis = deadlineMillis;
    this.probeBackoff = new Backoff(probeMillis, Math.max(probeMillis, 5000));
  }

  /** Its position in {@code database.replicas.urls}: the metrics' label, never the URL. */
  public int index() {
    return index;
  }

  Pool pool() {
    return pool;
  }

  /** Whether reads may go to it (if it has replayed what they must see). */
  public boolean up() {
    return up.get();
  }

  /** The last replay position it told, {@link Lsn#NONE} before the first. */
  public long replayed() {
    return replayed;
  }

  /** How many bytes of WAL the primary had written at the last probe that it had not replayed yet. */
  public long lagBytes() {
    return lagBytes;
  }

  /** Probes now and then every {@code probeMillis}, more slowly while it does not answer. */
  void startProbing(Vertx vertx, LongSupplier primaryPosition) {
    probe(vertx, primaryPosition);
  }

  void stopProbing() {
    stopped = true;
  }

  private void probe(Vertx vertx, LongSupplier primaryPosition) {
    if (stopped) {
      return;
    }
    readReplay().onComplete(ar -> {
      probeFailures = ar.succeeded() ? 0 : probeFailures + 1;
      long primary = primaryPosition.getAsLong();
      if (ar.succeeded() && primary != Lsn.NONE) {
        lagBytes = Math.max(0, primary - replayed);
      }
      long delay = probeFailures == 0 ? probeBackoff.firstMillis() : probeBackoff.delayMillis(probeFailures);
      vertx.setTimer(delay, t -> probe(vertx, primaryPosition));
    });
  }

  /** Reads its replay position now; a failure, or a server not in recovery, takes it out of rotation. */
  Future<Long> readReplay() {
    return pool.preparedQuery(REPLAY_POSITION).execute().timeout(deadlineMillis, TimeUnit.MILLISECONDS)
        .compose(rows -> {
          Row row = rows.iterator().next();
          long position = Lsn.parse(row.getString(0));
          if (position == Lsn.NONE) {
            return Future.failedFuture(new IllegalStateException("not in recovery: a primary, not a replica"));
          }
          replayed = position;
          everUp = true;
          if (up.compareAndSet(false, true)) {
            log.info("Read replica {} in rotation (replayed {})", index, row.getString(0));
          }
          return Future.succeededFuture(position);
        })
        .onFailure(this::down);
  }

  /** Out of rotation until a probe answers again. */
  void down(Throwable cause) {
    if (up.compareAndSet(true, false)) {
      log.warn("Read replica {} out of rotation: {}", index, cause.toString());
    } else if (!everUp && toldNotUp.compareAndSet(false, true)) {
      log.warn("Read replica {} does not answer yet ({}); reads go to the primary, probing with back-off",
          index, cause.toString());
    }
  }
}
