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

  /** The first handler of every request: counts it, and asks clients to go away while draining. */
  public void track(RoutingContext ctx) {
    inFlight.incrementAndGet();
    ctx.addEndHandler(v -> inFlight.decrementAndGet());
    if (draining.get()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
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

  public int inFlight() {
    return inFlight.get();
  }
}
