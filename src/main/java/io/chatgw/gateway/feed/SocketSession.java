package io.chatgw.gateway.feed;

import io.chatgw.gateway.dialect.v1.Cursors;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One WebSocket of the feed: {@code {"type":"subscribe","room":"<id>","after":"<cursor>"|null}}
 * and {@code {"type":"unsubscribe","room":"<id>"}} in, {@code {"type":"message",…}} out, each room
 * a {@link Subscription} of its own; {@code subscribed}/{@code unsubscribed} acknowledge, and a
 * frame the session cannot follow gets {@code {"type":"error","room":…,"error":…,"message":…}}
 * and nothing else happens. At most {@code feed.maxRooms} rooms; a ping every heartbeat.
 */
final class SocketSession implements Sink {

  private final Feed feed;
  private final FeedAccess.Reader reader;
  private final ServerWebSocket ws;
  private final Context context;
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final Set<String> pending = new HashSet<>();
  private boolean closed;

  SocketSession(Feed feed, FeedAccess.Reader reader, ServerWebSocket ws) {
    this.feed = feed;
    this.reader = reader;
    this.ws = ws;
    this.context = io.vertx.core.Vertx.currentContext(); // the socket's event loop: created in its handler
  }

  void start() {
    ws.setWriteQueueMaxSize(feed.limits().maxQueuedBytes());
    long heartbeat = 1000L * feed.limits().heartbeatSeconds();
    long timer = context.owner().setPeriodic(heartbeat, id -> {
      if (!closed && !ws.writeQueueFull()) {
        ws.writePing(Buffer.buffer());
      }
    });
    Runnable forget = feed.opened(() -> context.runOnContext(v -> ws.close((short) 1001, "the gateway is shutting down")));
    ws.textMessageHandler(this::received);
    ws.binaryMessageHandler(b -> error(null, GatewayError.of(400, "binary frames are not understood")));
    ws.exceptionHandler(e -> { }); // a frame over feed.maxFrameBytes, a reset: the close handler cleans up
    ws.closeHandler(v -> {
      closed = true;
      forget.run();
      context.owner().cancelTimer(timer);
      subscriptions.values().forEach(feed.hub()::leave);
      subscriptions.clear();
      feed.admission().release(reader.tenantId());
    });
  }

  private void received(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error(null, GatewayError.of(400, "a frame must be a JSON object"));
      return;
    }
    Object type = frame.getValue("type");
    Object room = frame.getValue("room");
    if (!(room instanceof String id) || id.isBlank()) {
      error(null, GatewayError.of(400, "room must be a room id"));
      return;
    }
    if ("subscribe".equals(type)) {
      subscribe(id, frame.getValue("after"));
    } else if ("unsubscribe".equals(type)) {
      unsubscribe(id);
    } else {
      error(id, GatewayError.of(400, "type must be subscribe or unsubscribe"));
    }
  }

  private void subscribe(String roomId, Object after) {
    if (subscriptions.containsKey(roomId) || pending.contains(roomId)) {
      error(roomId, GatewayError.of(400, "already subscribed to this room"));
      return;
    }
    if (subscriptions.size() + pending.size() >= feed.limits().maxRooms()) {
      error(roomId, GatewayError.of(400, "more than " + feed.limits().maxRooms() + " rooms on one socket"));
      return;
    }
    Long cursor;
    try {
      cursor = after == null ? null : Cursors.feed(after instanceof String s ? s : "", "after");
    } catch (GatewayError e) {
      error(roomId, e);
      return;
    }
    pending.add(roomId);
    Feed.on(context, feed.access().room(reader, roomId)
        .compose(room -> (cursor != null ? Future.succeededFuture(cursor) : feed.hub().head())
            .map(position -> new Subscription(reader.tenantId(), reader.userPk(), List.of(room), this,
                position))))
        .onComplete(ar -> {
          pending.remove(roomId);
          if (closed) {
            return;
          }
          if (ar.failed()) {
            error(roomId, Failures.ofDatabase(ar.cause()));
            return;
          }
          Subscription subscription = ar.result();
          subscriptions.put(roomId, subscription);
          ws.writeTextMessage(new JsonObject().put("type", "subscribed").put("room", roomId)
              .put("cursor", Cursors.feed(subscription.position)).encode());
          feed.hub().join(subscription);
        });
  }

  private void unsubscribe(String roomId) {
    Subscription subscription = subscriptions.remove(roomId);
    if (subscription == null) {
      error(roomId, GatewayError.of(400, "not subscribed to this room"));
      return;
    }
    feed.hub().leave(subscription);
    ws.writeTextMessage(new JsonObject().put("type", "unsubscribed").put("room", roomId).encode());
  }

  private void error(String roomId, GatewayError error) {
    if (closed) {
      return;
    }
    JsonObject body = new JsonObject(Feed.ERRORS.render(error.status(), error.details()));
    ws.writeTextMessage(new JsonObject().put("type", "error").put("room", roomId)
        .put("error", body.getString("error")).put("message", body.getString("message")).encode());
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void catchUp(List<FeedEvent> events) {
    for (FeedEvent event : events) {
      if (closed) {
        return;
      }
      ws.writeTextMessage(event.frame());
    }
  }

  @Override
  public void live(List<FeedEvent> events) {
    for (FeedEvent event : events) {
      if (closed) {
        return;
      }
      if (ws.writeQueueFull()) {
        dropSlow();
        return;
      }
      ws.writeTextMessage(event.frame());
    }
  }

  @Override
  public void revoked(Room room) {
    Subscription subscription = subscriptions.get(room.id());
    if (closed || subscription == null || subscription.rooms.get(0).pk() != room.pk()) {
      return;
    }
    subscriptions.remove(room.id());
    feed.hub().leave(subscription);
    error(room.id(), GatewayError.of(403));
  }

  private void dropSlow() {
    closed = true;
    feed.stats().slowDropped();
    ws.close((short) 1013, "slow client: resume after your last cursor");
  }

  @Override
  public Future<Void> drained() {
    if (closed || !ws.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> waiting = Promise.promise();
    long timer = context.owner().setTimer(2000L * feed.limits().heartbeatSeconds(), t -> {
      if (waiting.tryFail("not drained")) {
        dropSlow();
      }
    });
    ws.drainHandler(v -> {
      context.owner().cancelTimer(timer);
      waiting.tryComplete();
    });
    return waiting.future();
  }
}
