package io.chatgw.gateway.feed;

import io.chatgw.gateway.directory.Room;
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

  /**
   * The reader may no longer follow {@code room} (no longer a member): an SSE stream ends (its
   * client's reconnect is answered 403); a WebSocket drops that room's subscription with an error
   * frame. Nothing when that room is no longer followed here.
   */
  void revoked(Room room);

  /** Completes once the connection has room in its write queue again (or is gone); fails when it did not drain in time. */
  Future<Void> drained();
}
