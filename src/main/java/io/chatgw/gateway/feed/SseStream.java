package io.chatgw.gateway.feed;

import io.chatgw.gateway.directory.Room;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * One {@code text/event-stream} response: opened with {@code id: <start cursor>} (which sets an
 * EventSource's last event id without firing an event), then one event per change, a comment line
 * every heartbeat. Its write queue is bounded ({@code feed.maxQueuedBytes}): a live event that
 * finds it full closes the connection — the client resumes from the last event it read.
 */
final class SseStream implements Sink {

  static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final CharSequence X_ACCEL_BUFFERING = HttpHeaders.createOptimized("X-Accel-Buffering");
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");

  private final Vertx vertx;
  private final Context context;
  private final HttpServerResponse response;
  private final FeedStats stats;
  private final long drainMillis;

  SseStream(Vertx vertx, HttpServerResponse response, FeedStats stats, long drainMillis) {
    this.vertx = vertx;
    this.context = Vertx.currentContext(); // the request's event loop: created in its handler
    this.response = response;
    this.stats = stats;
    this.drainMillis = drainMillis;
  }

  /** Sends the head and the start cursor, then a heartbeat every {@code heartbeatMillis}; {@code closed} runs when it closes. */
  void open(String startCursor, int maxQueuedBytes, long heartbeatMillis, Runnable closed) {
    response.setStatusCode(200).setChunked(true).setWriteQueueMaxSize(maxQueuedBytes);
    response.headers()
        .set(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
        .set(HttpHeaders.CACHE_CONTROL, NO_CACHE)
        .set(X_ACCEL_BUFFERING, "no");
    response.write(Buffer.buffer("id: " + startCursor + "\n\n"));
    long timer = vertx.setPeriodic(heartbeatMillis, id -> {
      if (!response.closed() && !response.writeQueueFull()) {
        response.write(HEARTBEAT);
      }
    });
    // once, when the connection closes or the stream is ended here (a revoked membership, the
    // shutdown): Vert.x calls no close handler for a response that has ended, and a keep-alive client
    // may hold the connection open after it
    boolean[] done = {false};
    Runnable cleanUp = () -> {
      if (!done[0]) {
        done[0] = true;
        vertx.cancelTimer(timer);
        closed.run();
      }
    };
    response.closeHandler(v -> cleanUp.run());
    response.endHandler(v -> cleanUp.run());
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void catchUp(List<FeedEvent> events) {
    for (FeedEvent event : events) {
      if (response.closed()) {
        return;
      }
      response.write(event.sse());
    }
  }

  @Override
  public void live(List<FeedEvent> events) {
    for (FeedEvent event : events) {
      if (response.closed()) {
        return;
      }
      if (response.writeQueueFull()) {
        stats.slowDropped();
        response.reset(); // no end: a client must not take a cut stream for a finished one
        return;
      }
      response.write(event.sse());
    }
  }

  @Override
  public void revoked(Room room) {
    if (!response.closed()) {
      response.end(); // an EventSource reconnects with its last event id and is answered 403
    }
  }

  @Override
  public Future<Void> drained() {
    if (response.closed() || !response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> waiting = Promise.promise();
    long timer = vertx.setTimer(drainMillis, t -> {
      if (waiting.tryFail("not drained")) {
        stats.slowDropped();
        response.reset();
      }
    });
    response.drainHandler(v -> {
      vertx.cancelTimer(timer);
      waiting.tryComplete();
    });
    return waiting.future();
  }
}
