package io.chatgw.gateway.store;

import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * At most {@code maxActive} calls of one kind in flight; up to {@code maxWaiting} more wait, each
 * at most {@code maxWaitMillis}; the rest fail at once with a 503. Used so that one kind of
 * traffic (credential lookups of unknown keys, say) can never occupy the whole database pool or
 * its wait queue. Shared by every event loop, so guarded; a waiting call runs on its own context.
 */
public final class Bulkhead {

  private record Waiter(Context context, Promise<Void> turn, long since) {}

  private final int maxActive;
  private final int maxWaiting;
  private final long maxWaitNanos;
  private final Deque<Waiter> waiting = new ArrayDeque<>();
  private int active;
  private long refused;

  public Bulkhead(int maxActive, int maxWaiting, long maxWaitMillis) {
    this.maxActive = maxActive;
    this.maxWaiting = maxWaiting;
    this.maxWaitNanos = Math.multiplyHigh(maxWaitMillis, 1_000_000) != 0 ? Long.MAX_VALUE : maxWaitMillis * 1_000_000;
  }

  /** Waiting calls wait as long as it takes (imports: their bodies stay unread meanwhile). */
  public static Bulkhead withoutWaitLimit(int maxActive, int maxWaiting) {
    return new Bulkhead(maxActive, maxWaiting, Long.MAX_VALUE);
  }

  /** Runs {@code call} when a place is free; a 503 {@link GatewayError} when none is to be had. */
  public <T> Future<T> run(Vertx vertx, Supplier<Future<T>> call) {
    return enter(vertx).compose(v -> {
      Future<T> result;
      try {
        result = call.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      return result.andThen(ar -> leave());
    });
  }

  /**
   * A place, once one is free (a 503 {@link GatewayError} when none is to be had); the caller must
   * {@link #leave} exactly once after a successful enter. {@link #run} does both around a call.
   */
  public synchronized Future<Void> enter(Vertx vertx) {
    if (active < maxActive) {
      active++;
      return Future.succeededFuture();
    }
    if (waiting.size() >= maxWaiting) {
      refused++;
      return Future.failedFuture(GatewayError.unavailable());
    }
    Promise<Void> turn = Promise.promise();
    waiting.add(new Waiter(vertx.getOrCreateContext(), turn, System.nanoTime()));
    return turn.future();
  }

  /** Gives the place back, to the longest waiting call that has not waited too long. */
  public void leave() {
    long now = System.nanoTime();
    Waiter next;
    synchronized (this) {
      while ((next = waiting.poll()) != null && now - next.since() > maxWaitNanos) {
        Waiter late = next;
        refused++;
        late.context().runOnContext(v -> late.turn().fail(GatewayError.unavailable()));
      }
      if (next == null) {
        active--;
        return;
      }
    }
    Waiter chosen = next;
    chosen.context().runOnContext(v -> chosen.turn().complete());
  }

  /** Calls refused with a 503 so far: no place and a full queue, or a wait past its limit. */
  public synchronized long refused() {
    return refused;
  }

  public synchronized int active() {
    return active;
  }

  synchronized int waiting() {
    return waiting.size();
  }

  /** For the stress test: a call waits although a place is free, which a correct hand-over never allows. */
  synchronized boolean waitsWhilePlaceFree() {
    return !waiting.isEmpty() && active < maxActive;
  }
}
