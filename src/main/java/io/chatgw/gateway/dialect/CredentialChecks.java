package io.chatgw.gateway.dialect;

import io.chatgw.gateway.auth.ApiKeys;
import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.auth.SessionTokens;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Credentials;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The credential checks a dialect's route may use: session tokens, tenant API keys, JWTs, and the
 * key + JWT pair. The rest of the route (dispatch over the bus, writing) is the chain's.
 */
public record CredentialChecks(SessionTokens sessions, ApiKeys apiKeys, Jwts jwts) {

  /**
   * A tenant API key together with a user's JWT (MeetingLawyers, IMKit), each the last value of its
   * header, the JWT with or without {@code Bearer }: both must be valid and of the same tenant, else
   * 401 (thrown when one is missing). The JWT is checked first, locally, so that a database outage
   * turns into 503 only for a request whose JWT is valid.
   */
  public Future<Principal> keyAndJwt(RoutingContext ctx, CharSequence keyHeader, CharSequence jwtHeader) {
    String apiKey = Credentials.lastHeader(ctx.request(), keyHeader);
    String jwt = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), jwtHeader));
    if (apiKey == null || apiKey.isBlank() || jwt == null || jwt.isBlank()) {
      throw GatewayError.unauthorized();
    }
    return jwts.authenticate(jwt).compose(user -> apiKeys.tenantOf(apiKey).compose(tenant ->
        tenant.equals(user.tenantId())
            ? Future.succeededFuture(user)
            : Future.failedFuture(GatewayError.unauthorized())));
  }
}
