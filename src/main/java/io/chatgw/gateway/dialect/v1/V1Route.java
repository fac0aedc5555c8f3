package io.chatgw.gateway.dialect.v1;

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
 * The router-side checks of the gateway's own history route: 401 for a missing or bad credential
 * ({@code Authorization: Bearer} a gateway JWT or a session token), then 400 for bad parameters;
 * the store answers 404 (no such room in the caller's tenant) and 403 (not a member).
 */
final class V1Route {

  private final CredentialChecks credentials;

  V1Route(CredentialChecks credentials) {
    this.credentials = credentials;
  }

  Future<Principal> credential(RoutingContext ctx) {
    String token = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
    if (token == null) {
      throw GatewayError.unauthorized();
    }
    return Jwts.looksLikeJwt(token) ? credentials.jwts().authenticate(token) : credentials.sessions().authenticate(token);
  }

  /** A room id with a malformed escape names no room: 404, but only after the 400 checks. */
  V1Params params(RoutingContext ctx) {
    String path = ctx.request().path();
    String roomId = RoomPath.roomId(path);
    V1Params params = V1Params.from(roomId, path, QueryParams.of(ctx, V1Errors.INVALID_PARAMETER));
    if (roomId == null || roomId.isEmpty()) {
      throw GatewayError.of(V1Errors.ROOM_NOT_FOUND);
    }
    return params;
  }
}
