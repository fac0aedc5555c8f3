package io.chatgw.gateway.dialect.meetinglawyers;

import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The router-side MeetingLawyers checks, in the vendor's order: 401 (API key and JWT, same
 * tenant), then 400 for a malformed room, limit or older. Room, membership and pivot are the
 * store's to check (404, 403, 400), in one query. Parsing runs only once the credentials hold: a
 * stranger learns nothing about bad input.
 */
final class MeetingLawyersRoute {

  static final String API_KEY = "Api-Key";

  private final CredentialChecks credentials;

  MeetingLawyersRoute(CredentialChecks credentials) {
    this.credentials = credentials;
  }

  Future<Principal> credential(RoutingContext ctx) {
    return credentials.keyAndJwt(ctx, API_KEY, HttpHeaders.AUTHORIZATION);
  }

  MeetingLawyersParams params(RoutingContext ctx) {
    return MeetingLawyersParams.from(QueryParams.of(ctx, MeetingLawyersErrors.BAD_REQUEST));
  }
}
