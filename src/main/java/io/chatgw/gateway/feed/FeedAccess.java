package io.chatgw.gateway.feed;

import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is asking and which rooms they may follow (native-api.md, Credentials): {@code
 * Authorization: Bearer <JWT or session token>}, else {@code ?access_token=} (browsers cannot set
 * headers on EventSource or WebSocket); a credential of a user, else 401. A room of another
 * tenant, or unknown, is 404; one whose members the user is not among is 403. Rooms, members and
 * users come from the directory.
 */
final class FeedAccess {

  /** The user a subscription reads for: a tenant's user, with its key. */
  record Reader(String tenantId, String userId, long userPk) {}

  private final CredentialChecks credentials;
  private final Directory directory;

  FeedAccess(CredentialChecks credentials, Directory directory) {
    this.credentials = credentials;
    this.directory = directory;
  }

  Future<Reader> reader(RoutingContext ctx) {
    String token = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
    if (token == null) {
      String query = QueryParams.of(ctx, 400).last("access_token");
      token = query == null || query.isBlank() ? null : query.trim();
    }
    if (token == null) {
      throw GatewayError.unauthorized();
    }
    Future<Principal> principal = Jwts.looksLikeJwt(token)
        ? credentials.jwts().authenticate(token)
        : credentials.sessions().authenticate(token);
    return principal.compose(p -> p.userId() == null
        ? Future.failedFuture(GatewayError.unauthorized())
        : directory.userPk(p.tenantId(), p.userId()).compose(pk -> pk.isEmpty()
            ? Future.failedFuture(GatewayError.unauthorized())
            : Future.succeededFuture(new Reader(p.tenantId(), p.userId(), pk.get()))));
  }

  /** Whether the user {@code userPk} is among the room's members now (as the directory holds them). */
  Future<Boolean> mayFollow(long userPk, Room room) {
    return directory.members(room).map(members -> members.contains(userPk));
  }

  /** The room, when the reader may follow it; else 404 or 403. */
  Future<Room> room(Reader reader, String roomId) {
    return directory.roomById(reader.tenantId(), roomId).compose(room -> {
      if (room.isEmpty()) {
        return Future.failedFuture(GatewayError.of(404));
      }
      return directory.members(room.get()).compose(members -> members.contains(reader.userPk())
          ? Future.succeededFuture(room.get())
          : Future.failedFuture(GatewayError.of(403)));
    });
  }
}
