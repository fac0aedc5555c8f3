package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.http.Routes;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The IMKit checks, in the vendor's order: 401 (client key and user JWT of one tenant), then 400
 * for a malformed limit, afterTime, timeRangeField, query string or room id escape; the store
 * answers 404, 403 and the 400 for an anchor that is not a message of the room.
 */
final class ImkitRoute {

  static final String CLIENT_KEY = "IM-CLIENT-KEY";
  static final String AUTHORIZATION = "IM-Authorization";

  private final RouteContext context;
  private final ImkitErrors errors;

  ImkitRoute(RouteContext context, ImkitErrors errors) {
    this.context = context;
    this.errors = errors;
  }

  void mount(Router router) {
    Routes.getRegex(router, RoomPath.REGEX, this::roomMessages);
  }

  private void roomMessages(RoutingContext ctx) {
    String key = Credentials.lastHeader(ctx.request(), CLIENT_KEY);
    String jwt = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), AUTHORIZATION));
    Future<HistoryRequest> request = context.keyAndJwt(key, jwt)
        .compose(principal -> params(ctx)
            .map(params -> new HistoryRequest(ImkitDialect.NAME, principal, params)));
    Responder.respond(ctx, request.compose(context.history()::send), errors);
  }

  private static Future<ImkitParams> params(RoutingContext ctx) {
    try {
      String roomId = RoomPath.roomId(ctx.normalizedPath());
      if (roomId == null) {
        throw ImkitParams.invalid("malformed room id");
      }
      return Future.succeededFuture(ImkitParams.parse(roomId, QueryParams.of(ctx, ImkitErrors.INVALID_PARAMETER)));
    } catch (GatewayError e) {
      return Future.failedFuture(e);
    }
  }
}
