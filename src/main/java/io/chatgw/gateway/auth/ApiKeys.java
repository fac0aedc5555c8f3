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
import java.time.Duration;

/** Resolves a tenant API key to its tenant, by hash, with a short-lived cache of found keys. */
public final class ApiKeys {

  static final String SELECT_TENANT_OF_KEY = "SELECT tenant_id FROM api_key WHERE key_hash = $1";

  private final Pool pool;
  private final Deadlines deadlines;
  private final Cache<String, String> cache;

  public ApiKeys(Pool pool, Deadlines deadlines, GatewayConfig.Auth auth) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.cache = Caffeine.newBuilder()
        .maximumSize(auth.cacheSize())
        .expireAfterWrite(Duration.ofSeconds(auth.cacheSeconds()))
        .executor(Runnable::run)
        .build();
  }

  /** The key's tenant, or a failed future with a 401 (unknown key) or a 503 (database down). */
  public Future<String> tenantOf(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Future.failedFuture(GatewayError.unauthorized());
    }
    byte[] hash = SecretTokens.hash(apiKey);
    String key = SecretTokens.cacheKey(hash);
    String cached = cache.getIfPresent(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return deadlines.bound(pool.preparedQuery(SELECT_TENANT_OF_KEY).execute(Tuple.of(hash)))
        .compose(rows -> found(key, rows));
  }

  private Future<String> found(String key, RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.failedFuture(GatewayError.unauthorized());
    }
    String tenant = rows.iterator().next().getString(0);
    cache.put(key, tenant);
    return Future.succeededFuture(tenant);
  }
}
