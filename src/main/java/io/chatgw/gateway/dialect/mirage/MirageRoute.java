package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.StrictNumbers;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The Mirage checks, in the vendor's order: 400 missing token or room id, 401 bad token, 403 for a
 * room id that is not an integer (then, in the store, for a missing room or a non-member).
 */
final class MirageRoute {

  private final CredentialChecks credentials;

  MirageRoute(CredentialChecks credentials) {
    this.credentials = credentials;
  }

  /** 400 without a token or a room id (checked before the token), then the token: 401 when bad. */
  Future<Principal> credential(RoutingContext ctx) {
    String token = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
    String roomId = roomId(ctx);
    if (token == null || roomId == null || roomId.isBlank()) {
      throw GatewayError.of(MirageErrors.MISSING);
    }
    return Jwts.looksLikeJwt(token)
        ? credentials.jwts().authenticate(token)
        : credentials.sessions().authenticate(token);
  }

  /** 403 for a room id that is not a positive integer. */
  MirageParams params(RoutingContext ctx) {
    long number = StrictNumbers.parse(roomId(ctx));
    if (number <= 0) {
      throw GatewayError.of(MirageErrors.NOT_IN_ROOM);
    }
    return new MirageParams(number);
  }

  /** Decoded once per request ({@link QueryParams} keeps it); a malformed query is the 400. */
  private static String roomId(RoutingContext ctx) {
    return QueryParams.of(ctx, MirageErrors.MISSING).last("room_id");
  }
}
