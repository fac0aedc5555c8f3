package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.http.Routes;
import io.chatgw.gateway.http.StrictNumbers;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The Mirage checks, in the vendor's order: 400 missing token or room id, 401 bad token, 403 for a
 * room id that is not an integer (then, in the store, for a missing room or a non-member).
 */
final class MirageRoute {

  private final RouteContext context;
  private final MirageErrors errors;

  MirageRoute(RouteContext context, MirageErrors errors) {
    this.context = context;
    this.errors = errors;
  }

  void mount(Router router, String path) {
    Routes.get(router, path, this::roomMessages);
  }

  private void roomMessages(RoutingContext ctx) {
    Future<HistoryRequest> request;
    try {
      String token = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
      String roomId = QueryParams.of(ctx, MirageErrors.MISSING).last("room_id");
      if (token == null || roomId == null || roomId.isBlank()) {
        throw GatewayError.of(MirageErrors.MISSING);
      }
      request = authenticate(token).map(principal -> new HistoryRequest(MirageDialect.NAME,
          principal, new MirageParams(roomNumber(roomId))));
    } catch (GatewayError e) {
      request = Future.failedFuture(e);
    }
    Responder.respond(ctx, request.compose(context.history()::send), errors);
  }

  private Future<Principal> authenticate(String token) {
    return Jwts.looksLikeJwt(token)
        ? context.jwts().authenticate(token)
        : context.sessions().authenticate(token);
  }

  private static long roomNumber(String roomId) {
    long number = StrictNumbers.parse(roomId);
    if (number <= 0) {
      throw GatewayError.of(MirageErrors.NOT_IN_ROOM);
    }
    return number;
  }
}
