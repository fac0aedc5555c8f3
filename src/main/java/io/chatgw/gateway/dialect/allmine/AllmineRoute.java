package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The Allmine checks, in the vendor's order: 401 for a missing or bad JWT, then 400 for a bad
 * {@code page}/{@code limit}; the store answers 404 (chat not in the tenant) and 403 (not a member).
 */
final class AllmineRoute {

  private final RouteContext context;
  private final AllmineErrors errors;

  AllmineRoute(RouteContext context, AllmineErrors errors) {
    this.context = context;
    this.errors = errors;
  }

  /** GET on the path regex (see {@link ChatIds} for why no path parameter); other methods 405. */
  void mount(Router router) {
    Routes.getRegex(router, ChatIds.PATH_REGEX, this::chatMessages);
  }

  private void chatMessages(RoutingContext ctx) {
    String chatId = ChatIds.of(ctx.normalizedPath());
    Future<HistoryRequest> request = authenticate(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION))
        .compose(principal -> validated(ctx, chatId)
            .map(params -> new HistoryRequest(AllmineDialect.NAME, principal, params)));
    Responder.respond(ctx, request.compose(context.history()::send), errors);
  }

  /** Only gateway JWTs, with or without {@code Bearer }: no session tokens in this dialect. */
  private Future<Principal> authenticate(String authorization) {
    String token = Credentials.bearerOptional(authorization);
    if (token == null || !Jwts.looksLikeJwt(token)) {
      return Future.failedFuture(GatewayError.unauthorized());
    }
    return context.jwts().authenticate(token);
  }

  /** A chat id with a malformed escape names no chat: 404, but only after the 400 checks. */
  private static Future<AllmineParams> validated(RoutingContext ctx, String chatId) {
    try {
      AllmineParams params = AllmineParams.of(chatId, QueryParams.of(ctx, AllmineErrors.VALIDATION));
      return chatId == null
          ? Future.failedFuture(GatewayError.of(AllmineErrors.NOT_FOUND))
          : Future.succeededFuture(params);
    } catch (GatewayError e) {
      return Future.failedFuture(e);
    }
  }
}
