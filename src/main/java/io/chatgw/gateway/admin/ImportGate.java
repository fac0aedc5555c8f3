package io.chatgw.gateway.admin;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code maxActive} imports read and write at once; up to {@code maxWaiting} more wait
 * with their bodies unread (the request stays paused, so a waiting import costs no memory);
 * beyond that an import is refused at once. Shared by the router verticles' event loops, so
 * its counters are guarded; a waiting import is resumed on its own event loop.
 */
final class ImportGate {

  /** The gate is full: the import is answered 503 with Retry-After, its body unread. */
  static final class Busy extends RuntimeException {
    Busy() {
      super("busy", null, false, false);
    }
  }

  private record Waiter(Context context, Promise<Void> promise) {}

  private final int maxActive;
  private final int maxWaiting;
  private final Deque<Waiter> waiting = new ArrayDeque<>();
  private int active;

  ImportGate(int maxActive, int maxWaiting) {
    this.maxActive = maxActive;
    this.maxWaiting = maxWaiting;
  }

  /** Completes when the caller may run its import; it must call {@link #leave} once it is done. */
  synchronized Future<Void> enter(Vertx vertx) {
    if (active < maxActive) {
      active++;
      return Future.succeededFuture();
    }
    if (waiting.size() >= maxWaiting) {
      return Future.failedFuture(new Busy());
    }
    Promise<Void> promise = Promise.promise();
    waiting.add(new Waiter(vertx.getOrCreateContext(), promise));
    return promise.future();
  }

  /** Hands the slot to the longest waiting import, if any. */
  void leave() {
    Waiter next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        active--;
        return;
      }
    }
    next.context().runOnContext(v -> next.promise().complete());
  }

  synchronized int active() {
    return active;
  }
}
