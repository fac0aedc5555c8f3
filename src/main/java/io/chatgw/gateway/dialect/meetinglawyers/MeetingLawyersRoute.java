package io.chatgw.gateway.dialect.meetinglawyers;

import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The router-side MeetingLawyers checks, in the vendor's order: 401 (API key and JWT, same
 * tenant), then 400 for a malformed room, limit or older. Room, membership and pivot are the
 * store's to check (404, 403, 400), in one query.
 */
final class MeetingLawyersRoute {

  static final String API_KEY = "Api-Key";

  private final RouteContext context;
  private final MeetingLawyersErrors errors;

  MeetingLawyersRoute(RouteContext context, MeetingLawyersErrors errors) {
    this.context = context;
    this.errors = errors;
  }

  void mount(Router router, String path) {
    Routes.get(router, path, this::roomMessages);
  }

  /** Parsing runs only once the credentials hold: a stranger learns nothing about bad input. */
  private void roomMessages(RoutingContext ctx) {
    String apiKey = Credentials.lastHeader(ctx.request(), API_KEY);
    String jwt = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
    Future<HistoryRequest> request = context.keyAndJwt(apiKey, jwt)
        .map(principal -> new HistoryRequest(MeetingLawyersDialect.NAME, principal,
            MeetingLawyersParams.from(QueryParams.of(ctx, MeetingLawyersErrors.BAD_REQUEST))));
    Responder.respond(ctx, request.compose(context.history()::send), errors);
  }
}
