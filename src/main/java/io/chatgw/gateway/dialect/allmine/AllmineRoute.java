package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The Allmine checks, in the vendor's order: 401 for a missing or bad JWT, then 400 for a bad
 * {@code page}/{@code limit}; the store answers 404 (chat not in the tenant) and 403 (not a member).
 * The path is a regex (see {@link ChatIds} for why no path parameter).
 */
final class AllmineRoute {

  private final CredentialChecks credentials;

  AllmineRoute(CredentialChecks credentials) {
    this.credentials = credentials;
  }

  /** Only gateway JWTs, with or without {@code Bearer }: no session tokens in this dialect. */
  Future<Principal> credential(RoutingContext ctx) {
    String token = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
    if (token == null || !Jwts.looksLikeJwt(token)) {
      throw GatewayError.unauthorized();
    }
    return credentials.jwts().authenticate(token);
  }

  /** A chat id with a malformed escape names no chat: 404, but only after the 400 checks. */
  AllmineParams params(RoutingContext ctx) {
    String chatId = ChatIds.of(ctx.normalizedPath());
    AllmineParams params = AllmineParams.of(chatId, QueryParams.of(ctx, AllmineErrors.VALIDATION));
    if (chatId == null) {
      throw GatewayError.of(AllmineErrors.NOT_FOUND);
    }
    return params;
  }
}
