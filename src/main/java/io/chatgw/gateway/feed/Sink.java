package io.chatgw.gateway.feed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;

/**
 * One client connection the feed writes to (an SSE stream, a WebSocket). Every method but
 * {@link #context} runs on that context, the connection's event loop.
 */
interface Sink {

  Context context();

  /**
   * Writes events of a resume's catch-up: never dropped for a full queue (the next page waits for
   * {@link #drained} instead).
   */
  void catchUp(List<FeedEvent> events);

  /** Writes live events; a connection whose write queue is already full is dropped as a slow client. */
  void live(List<FeedEvent> events);

  /** Completes once the connection has room in its write queue again (or is gone); fails when it did not drain in time. */
  Future<Void> drained();
}
