package io.chatgw.gateway.ops;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's state as operators see it: schema ready or not, draining or not, and how many
 * requests are in flight (so a shutdown can wait for them).
 */
public final class Lifecycle {

  private final AtomicBoolean migrated = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * The first handler of every request: counts it, and asks clients to go away while draining. Only
   * the requests that began before the drain are waited for: under steady load the ones that keep
   * arriving (each answered at once, with 503 for history) would otherwise never let the count
   * reach zero, and the drain always lasted its whole grace period.
   */
  public void track(RoutingContext ctx) {
    if (draining.get()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    } else {
      inFlight.incrementAndGet();
      ctx.addEndHandler(v -> inFlight.decrementAndGet());
    }
    ctx.next();
  }

  public void markMigrated() {
    migrated.set(true);
  }

  public void startDraining() {
    draining.set(true);
  }

  public boolean isMigrated() {
    return migrated.get();
  }

  public boolean isDraining() {
    return draining.get();
  }

  /** Requests that began before the drain (or all, while not draining) and are not answered yet. */
  public int inFlight() {
    return inFlight.get();
  }
}
