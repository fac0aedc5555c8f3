package io.chatgw.gateway.store;

import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a database call a deadline and turns its failure into the status {@link Failures#ofDatabase}
 * gives it; the 503s of an outage are logged one line a second.
 */
public final class Deadlines {

  private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

  private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

  private final long millis;
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final AtomicLong unlogged = new AtomicLong();
  private final AtomicLong deadlineHits = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();

  public Deadlines(long millis) {
    this.millis = millis;
  }

  /** Database calls that ran out of their deadline (each a 503). */
  public long deadlineHits() {
    return deadlineHits.get();
  }

  /** Database calls that failed otherwise for want of the database: refused, lost, in recovery (each a 503). */
  public long unavailable() {
    return unavailable.get();
  }

  public <T> Future<T> bound(Future<T> call) {
    return bound(call, millis);
  }

  /** With what is left of a deadline partly spent already (a read retried on the primary). */
  public <T> Future<T> bound(Future<T> call, long leftMillis) {
    return call.timeout(Math.max(1, leftMillis), TimeUnit.MILLISECONDS).recover(this::failed);
  }

  private <T> Future<T> failed(Throwable cause) {
    GatewayError error = Failures.ofDatabase(cause);
    if (error == cause || error.status() != GatewayError.UNAVAILABLE) {
      return Future.failedFuture(error);
    }
    (cause instanceof TimeoutException ? deadlineHits : unavailable).incrementAndGet();
    // an outage fails every request: log one line a second, with how many were not logged
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
      log.warn("Database call failed: {} ({} more since the last report)", cause.toString(), unlogged.getAndSet(0));
    } else {
      unlogged.incrementAndGet();
    }
    return Future.failedFuture(error);
  }
}
