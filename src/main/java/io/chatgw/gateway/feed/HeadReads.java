package io.chatgw.gateway.feed;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The store's newest change position for subscriptions that start without a cursor, read at most
 * once at a time: a caller that arrives while a read is in flight waits for the next one (which
 * starts after it arrived, so it sees every change committed before the caller asked). A thousand
 * clients connecting at once cost a few reads, not a thousand. Confined to the hub's context.
 */
final class HeadReads {

  private final Context context;
  private final Supplier<Future<Long>> read;
  private List<Handler<AsyncResult<Long>>> waiting = new ArrayList<>();
  private boolean reading;

  HeadReads(Context context, Supplier<Future<Long>> read) {
    this.context = context;
    this.read = read;
  }

  /** Any thread; completes on the caller's context (its connection's event loop). */
  Future<Long> next() {
    Context caller = Vertx.currentContext();
    Promise<Long> promise = Promise.promise();
    context.runOnContext(v -> {
      waiting.add(ar -> {
        if (caller == null) {
          promise.handle(ar);
        } else {
          caller.runOnContext(x -> promise.handle(ar));
        }
      });
      start();
    });
    return promise.future();
  }

  private void start() {
    if (reading || waiting.isEmpty()) {
      return;
    }
    reading = true;
    List<Handler<AsyncResult<Long>>> these = waiting;
    waiting = new ArrayList<>();
    read.get().onComplete(ar -> {
      reading = false;
      these.forEach(p -> p.handle(ar));
      start();
    });
  }
}
