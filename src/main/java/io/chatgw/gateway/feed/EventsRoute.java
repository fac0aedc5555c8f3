package io.chatgw.gateway.feed;

import io.chatgw.gateway.dialect.v1.Cursors;
import io.chatgw.gateway.config.FeedLimits;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.http.QueryParams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/events?rooms=<id>,<id>…}: the checks, in order — the credential (401), the
 * parameters (400: no rooms, more than {@code feed.maxRooms}, a bad cursor), each listed room in
 * turn (404, 403), the subscriber bounds (429, 503) — each answered as a JSON error before the
 * stream starts; then the stream from the cursor ({@code Last-Event-ID}, else {@code
 * ?lastEventId=}), or from the store's newest change position.
 */
final class EventsRoute {

  static final String LAST_EVENT_ID = "Last-Event-ID";

  private final Feed feed;

  EventsRoute(Feed feed) {
    this.feed = feed;
  }

  void handle(RoutingContext ctx) {
    Context context = Vertx.currentContext();
    Feed.on(context, Future.<FeedAccess.Reader>future(p -> feed.access().reader(ctx).onComplete(p)))
        .compose(reader -> {
          List<String> roomIds = roomIds(QueryParams.of(ctx, 400).last("rooms"), feed.limits().maxRooms());
          Long after = cursor(ctx);
          return Feed.on(context, rooms(reader, roomIds)).compose(rooms -> start(ctx, reader, rooms, after));
        })
        .onFailure(cause -> feed.refuse(ctx, cause));
  }

  /** The comma-separated room ids, each once, in the order given. */
  static List<String> roomIds(String param, int maxRooms) {
    if (param == null || param.isBlank()) {
      throw GatewayError.of(400, "rooms is required: a comma-separated list of room ids");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : param.split(",", -1)) {
      String trimmed = id.trim();
      if (trimmed.isEmpty()) {
        throw GatewayError.of(400, "rooms has an empty room id");
      }
      ids.add(trimmed);
      if (ids.size() > maxRooms) {
        throw GatewayError.of(400, "rooms lists more than " + maxRooms + " rooms");
      }
    }
    return List.copyOf(ids);
  }

  private static Long cursor(RoutingContext ctx) {
    String header = Credentials.lastHeader(ctx.request(), LAST_EVENT_ID);
    String value = header != null && !header.isBlank() ? header.trim() : QueryParams.of(ctx, 400).last("lastEventId");
    return value == null || value.isBlank() ? null : Cursors.feed(value.trim(), LAST_EVENT_ID);
  }

  /** Each room checked in the order listed: the first one the reader may not follow decides the error. */
  private Future<List<Room>> rooms(FeedAccess.Reader reader, List<String> ids) {
    Future<List<Room>> rooms = Future.succeededFuture(new ArrayList<>(ids.size()));
    for (String id : ids) {
      rooms = rooms.compose(list -> feed.access().room(reader, id).map(room -> {
        list.add(room);
        return list;
      }));
    }
    return rooms;
  }

  private Future<Void> start(RoutingContext ctx, FeedAccess.Reader reader, List<Room> rooms, Long after) {
    feed.admission().admit(reader.tenantId());
    Future<Long> from = after != null ? Future.succeededFuture(after) : feed.hub().head(); // back on this loop
    return from.onFailure(cause -> feed.admission().release(reader.tenantId())).map(position -> {
      if (ctx.response().closed()) {
        feed.admission().release(reader.tenantId());
        return null;
      }
      FeedLimits limits = feed.limits();
      SseStream stream = new SseStream(ctx.vertx(), ctx.response(), feed.stats(), 2000L * limits.heartbeatSeconds());
      Subscription subscription = new Subscription(reader.tenantId(), reader.userPk(), rooms, stream, position);
      Context context = Vertx.currentContext();
      Runnable forget = feed.opened(() -> context.runOnContext(v -> ctx.response().end()));
      stream.open(Cursors.feed(position), limits.maxQueuedBytes(), 1000L * limits.heartbeatSeconds(), () -> {
        forget.run();
        feed.hub().leave(subscription);
        feed.admission().release(reader.tenantId());
      });
      feed.hub().join(subscription);
      return null;
    });
  }
}
