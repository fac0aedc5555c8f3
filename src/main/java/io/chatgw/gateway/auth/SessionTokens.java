package io.chatgw.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.http.GatewayError;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Resolves an opaque session token to its user. Found sessions are cached for a short while
 * (by token hash, with their expiry, which is checked on every use); unknown tokens are not.
 */
public final class SessionTokens {

  static final String SELECT_SESSION = """
      SELECT s.tenant_id, u.id, s.expires_at
        FROM session s JOIN app_user u ON u.pk = s.user_pk
       WHERE s.token_hash = $1""";

  private record Session(Principal principal, Instant expiresAt) {}

  private final Pool pool;
  private final Deadlines deadlines;
  private final Clock clock;
  private final Cache<String, Session> cache;

  public SessionTokens(Pool pool, Deadlines deadlines, Clock clock, GatewayConfig.Auth auth) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.clock = clock;
    this.cache = Caffeine.newBuilder()
        .maximumSize(auth.cacheSize())
        .expireAfterWrite(Duration.ofSeconds(auth.cacheSeconds()))
        .executor(Runnable::run)
        .build();
  }

  public Future<Principal> authenticate(String token) {
    byte[] hash = SecretTokens.hash(token);
    String key = SecretTokens.cacheKey(hash);
    Session cached = cache.getIfPresent(key);
    Future<Session> session = cached != null
        ? Future.succeededFuture(cached)
        : deadlines.bound(pool.preparedQuery(SELECT_SESSION).execute(Tuple.of(hash)))
            .map(rows -> toSession(key, rows));
    return session.compose(s -> s != null && s.expiresAt().isAfter(clock.instant())
        ? Future.succeededFuture(s.principal())
        : Future.failedFuture(GatewayError.unauthorized()));
  }

  /** Forgets every cached session, after an import that may have replaced some. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  private Session toSession(String key, RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    Session s = new Session(new Principal(row.getString(0), row.getString(1)),
        row.getOffsetDateTime(2).toInstant());
    cache.put(key, s);
    return s;
  }
}
