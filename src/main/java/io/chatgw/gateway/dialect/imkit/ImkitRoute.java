package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The IMKit checks, in the vendor's order: 401 (client key, in {@code IM-CLIENT-KEY} or else the
 * web SDK's {@code CLIENT_KEY}, and user JWT of one tenant), then 400
 * for a malformed room id escape, query string, timeRangeField, limit or afterTime; the reader
 * answers 404, 403 and the 400 for an anchor that is not a message of the room.
 */
final class ImkitRoute {

  static final String CLIENT_KEY = "IM-CLIENT-KEY";
  /** The header the vendor's web SDK sends the key in; {@link #CLIENT_KEY} wins when both are sent. */
  static final String SDK_CLIENT_KEY = "CLIENT_KEY";
  static final String AUTHORIZATION = "IM-Authorization";

  private final CredentialChecks credentials;

  ImkitRoute(CredentialChecks credentials) {
    this.credentials = credentials;
  }

  Future<Principal> credential(RoutingContext ctx) {
    String keyHeader = ctx.request().headers().contains(CLIENT_KEY) ? CLIENT_KEY : SDK_CLIENT_KEY;
    return credentials.keyAndJwt(ctx, keyHeader, AUTHORIZATION);
  }

  ImkitParams params(RoutingContext ctx) {
    String roomId = RoomPath.roomId(ctx.normalizedPath());
    if (roomId == null) {
      throw ImkitParams.invalid("malformed room id");
    }
    return ImkitParams.parse(roomId, QueryParams.of(ctx, ImkitErrors.INVALID_PARAMETER));
  }
}
