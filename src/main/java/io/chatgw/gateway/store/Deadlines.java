package io.chatgw.gateway.store;

import io.chatgw.gateway.http.GatewayError;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives a database call a deadline and turns any database failure into a 503. */
public final class Deadlines {

  private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

  private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

  private final long millis;
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final AtomicLong unlogged = new AtomicLong();

  public Deadlines(long millis) {
    this.millis = millis;
  }

  public <T> Future<T> bound(Future<T> call) {
    return call.timeout(millis, TimeUnit.MILLISECONDS).recover(this::unavailable);
  }

  private <T> Future<T> unavailable(Throwable cause) {
    if (cause instanceof GatewayError) {
      return Future.failedFuture(cause);
    }
    // an outage fails every request: log one line a second, with how many were not logged
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
      log.warn("Database call failed: {} ({} more since the last report)", cause.toString(), unlogged.getAndSet(0));
    } else {
      unlogged.incrementAndGet();
    }
    return Future.failedFuture(GatewayError.unavailable());
  }
}
