package io.chatgw.gateway.http;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admission control, the first step of every history route: at most {@code maxInFlight} history
 * requests between that step and the end of their response, counted across every router
 * verticle. One more is refused at once, before its credential is checked or anything is sent
 * over the event bus: a 503 in its dialect's format with {@code Retry-After: 1}, for the route's
 * failure handler to render. A request leaves the count when its response has been written, or
 * when its connection closes first (a client that gives up frees its place at once, although
 * its store call, bounded by the deadline, may still run).
 */
public final class Admission {

  static final ResponseHeaders RETRY_SOON = ResponseHeaders.of(HttpHeaders.RETRY_AFTER, "1");
  /** Stackless and immutable, so one instance serves every refusal. */
  private static final GatewayError BUSY = GatewayError.unavailable().withHeaders(RETRY_SOON);

  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder refused = new LongAdder();

  public Admission(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /** The route's first handler: counts the request in, or fails it with the 503. */
  public void admit(RoutingContext ctx) {
    if (ctx.response().closed()) {
      return; // nobody to answer, and no close event would come to count it out
    }
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      refused.increment();
      ctx.fail(BUSY);
      return;
    }
    ctx.addEndHandler(v -> inFlight.decrementAndGet());
    ctx.next();
  }

  /** History requests admitted and not answered yet. */
  public int inFlight() {
    return inFlight.get();
  }

  /** History requests refused because {@code maxInFlight} were in flight. */
  public long refused() {
    return refused.sum();
  }
}
