package io.chatgw.gateway.auth;

import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.store.Bulkhead;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves an opaque session token to its user, through a {@link CredentialCache} (by token hash,
 * with the session's expiry, which is checked on every use).
 */
public final class SessionTokens {

  static final String SELECT_SESSION = """
      SELECT s.tenant_id, u.id, s.expires_at
        FROM session s JOIN app_user u ON u.pk = s.user_pk
       WHERE s.token_hash = $1""";

  private record Session(Principal principal, Instant expiresAt) {}

  private final Pool pool;
  private final Clock clock;
  private final CredentialCache<Session> cache;

  public SessionTokens(Vertx vertx, Pool pool, Deadlines deadlines, Bulkhead lookups, Clock clock,
      GatewayConfig.Auth auth) {
    this.pool = pool;
    this.clock = clock;
    this.cache = new CredentialCache<>(vertx, deadlines, lookups, auth);
  }

  public Future<Principal> authenticate(String token) {
    byte[] hash = SecretTokens.hash(token);
    return cache.get(SecretTokens.cacheKey(hash), key -> pool.preparedQuery(SELECT_SESSION)
            .execute(Tuple.of(hash))
            .map(rows -> rows.size() == 0 ? Optional.<Session>empty() : Optional.of(session(rows.iterator().next()))))
        .compose(s -> s.expiresAt().isAfter(clock.instant())
            ? Future.succeededFuture(s.principal())
            : Future.failedFuture(GatewayError.unauthorized()));
  }

  /** Forgets every cached session, known and unknown, after an import that may have replaced some. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** Forgets the sessions of these tenants, and every unknown token, after a change to their sessions. */
  public void invalidateTenants(Set<String> tenants) {
    cache.invalidateTenants(tenants, session -> session.principal().tenantId());
  }

  /** How many requests came with a session token the store does not know (for /metrics). */
  public long unknownCount() {
    return cache.unknownCount();
  }

  private static Session session(Row row) {
    return new Session(new Principal(row.getString(0), row.getString(1)), row.getOffsetDateTime(2).toInstant());
  }
}
