package io.chatgw.gateway.store;

import io.chatgw.gateway.http.GatewayError;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives a database call a deadline and turns any database failure into a 503. */
public final class Deadlines {

  private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

  private final long millis;

  public Deadlines(long millis) {
    this.millis = millis;
  }

  public <T> Future<T> bound(Future<T> call) {
    return call.timeout(millis, TimeUnit.MILLISECONDS).recover(Deadlines::unavailable);
  }

  private static <T> Future<T> unavailable(Throwable cause) {
    if (cause instanceof GatewayError) {
      return Future.failedFuture(cause);
    }
    log.warn("Database call failed: {}", cause.toString());
    return Future.failedFuture(GatewayError.unavailable());
  }
}
