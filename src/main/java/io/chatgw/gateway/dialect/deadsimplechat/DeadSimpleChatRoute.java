package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.PercentEscapes;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The DeadSimpleChat checks, in the vendor's order: 401 for a missing or unknown {@code auth} key,
 * then 400 for a bad {@code limit}, {@code skip} or {@code onlyAttachments}, then (in the store) 404
 * for a room that is not in the key's tenant. There is no user, so no membership check.
 *
 * <p>The route is a regex without groups, not {@code :roomId}: for a route with path parameters
 * Vert.x Web decodes the whole query string while matching and answers a bare 400 on a malformed
 * escape, before any handler, which would put a 400 ahead of the 401.
 */
final class DeadSimpleChatRoute {

  private static final String QUERY = "gateway.deadsimplechat.query";

  private final CredentialChecks credentials;

  DeadSimpleChatRoute(CredentialChecks credentials) {
    this.credentials = credentials;
  }

  /** The tenant of the {@code auth} key: 401 when missing or unknown. */
  Future<Principal> credential(RoutingContext ctx) {
    return credentials.apiKeys().tenantOf(query(ctx).last("auth")).map(tenant -> new Principal(tenant, null));
  }

  /** 400 naming the first bad parameter; a room id with a malformed escape names no room: 404, after them. */
  DeadSimpleChatParams params(RoutingContext ctx) {
    String roomId = roomId(ctx.normalizedPath());
    DeadSimpleChatParams params = DeadSimpleChatParams.parse(roomId, query(ctx));
    if (roomId == null) {
      throw GatewayError.of(DeadSimpleChatErrors.ROOM_NOT_FOUND);
    }
    return params;
  }

  /** Read once per request: the credential step reads {@code auth}, the validation the rest. */
  private static DeadSimpleChatQuery query(RoutingContext ctx) {
    DeadSimpleChatQuery query = ctx.get(QUERY);
    if (query == null) {
      query = DeadSimpleChatQuery.of(ctx.request().query());
      ctx.put(QUERY, query);
    }
    return query;
  }

  /** The percent-decoded room id segment ({@code +} is a plus in a path), or null when malformed. */
  static String roomId(String path) {
    int start = DeadSimpleChatDialect.PREFIX.length();
    return PercentEscapes.decode(path.substring(start, path.indexOf('/', start)), false);
  }
}
