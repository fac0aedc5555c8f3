package io.chatgw.gateway.feed;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/socket}: the credential is checked before the upgrade (401 as JSON), then the
 * subscriber bounds (429, 503); after the upgrade the client subscribes room by room ({@link
 * SocketSession}).
 */
final class SocketRoute {

  private final Feed feed;

  SocketRoute(Feed feed) {
    this.feed = feed;
  }

  void handle(RoutingContext ctx) {
    ctx.request().pause(); // the upgrade happens after an asynchronous credential check
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    Feed.on(context, Future.<FeedAccess.Reader>future(p -> feed.access().reader(ctx).onComplete(p)))
        .compose(reader -> {
          feed.admission().admit(reader.tenantId());
          return ctx.request().toWebSocket()
              .onFailure(cause -> feed.admission().release(reader.tenantId()))
              .map(ws -> {
                new SocketSession(feed, reader, ws).start();
                return reader;
              });
        })
        .onFailure(cause -> {
          if (!ctx.response().headWritten()) {
            ctx.request().resume();
            feed.refuse(ctx, cause);
          }
        });
  }
}
