package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.PercentEscapes;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.http.Routes;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The DeadSimpleChat checks, in the vendor's order: 401 for a missing or unknown {@code auth} key,
 * then 400 for a bad {@code limit}, {@code skip} or {@code onlyAttachments}, then (in the store) 404
 * for a room that is not in the key's tenant. There is no user, so no membership check.
 *
 * <p>The route is a regex without groups, not {@code :roomId}: for a route with path parameters
 * Vert.x Web decodes the whole query string while matching and answers a bare 400 on a malformed
 * escape, before any handler, which would put a 400 ahead of the 401.
 */
final class DeadSimpleChatRoute {

  private final RouteContext context;
  private final DeadSimpleChatErrors errors;

  DeadSimpleChatRoute(RouteContext context, DeadSimpleChatErrors errors) {
    this.context = context;
    this.errors = errors;
  }

  void mount(Router router) {
    Routes.getRegex(router, DeadSimpleChatDialect.PATH_REGEX, this::roomMessages);
  }

  private void roomMessages(RoutingContext ctx) {
    DeadSimpleChatQuery query = DeadSimpleChatQuery.of(ctx.request().query());
    String roomId = roomId(ctx.normalizedPath());
    Future<HistoryRequest> request = context.apiKeys().tenantOf(query.last("auth"))
        .compose(tenant -> validated(tenant, roomId, query));
    Responder.respond(ctx, request.compose(context.history()::send), errors);
  }

  private static Future<HistoryRequest> validated(String tenant, String roomId, DeadSimpleChatQuery query) {
    try {
      DeadSimpleChatParams params = DeadSimpleChatParams.parse(roomId, query);
      if (roomId == null) {
        throw GatewayError.of(DeadSimpleChatErrors.ROOM_NOT_FOUND); // no room has an undecodable id
      }
      return Future.succeededFuture(new HistoryRequest(DeadSimpleChatDialect.NAME, new Principal(tenant, null), params));
    } catch (GatewayError e) {
      return Future.failedFuture(e);
    }
  }

  /** The percent-decoded room id segment ({@code +} is a plus in a path), or null when malformed. */
  static String roomId(String path) {
    int start = DeadSimpleChatDialect.PREFIX.length();
    return PercentEscapes.decode(path.substring(start, path.indexOf('/', start)), false);
  }
}
