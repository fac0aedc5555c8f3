package io.chatgw.gateway.auth;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.store.Bulkhead;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.Set;

/** Resolves a tenant API key to its tenant, by hash, through a {@link CredentialCache}. */
public final class ApiKeys {

  static final String SELECT_TENANT_OF_KEY = "SELECT tenant_id FROM api_key WHERE key_hash = $1";

  private final Pool pool;
  private final CredentialCache<String> cache;

  public ApiKeys(Vertx vertx, Pool pool, Deadlines deadlines, Bulkhead lookups, GatewayConfig.Auth auth) {
    this.pool = pool;
    this.cache = new CredentialCache<>(vertx, deadlines, lookups, auth);
  }

  /** The key's tenant, or a failed future with a 401 (unknown key) or a 503 (database down). */
  public Future<String> tenantOf(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Future.failedFuture(GatewayError.unauthorized());
    }
    byte[] hash = SecretTokens.hash(apiKey);
    return cache.get(SecretTokens.cacheKey(hash), key -> pool.preparedQuery(SELECT_TENANT_OF_KEY)
        .execute(Tuple.of(hash))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty()
            : Optional.of(rows.iterator().next().getString(0))));
  }

  /** Forgets every cached key, known and unknown, after an import that may have added some. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** Forgets the keys of these tenants, and every unknown key, after a change to their keys. */
  public void invalidateTenants(Set<String> tenants) {
    cache.invalidateTenants(tenants, tenant -> tenant);
  }

  /** How many requests came with a key the store does not know (for /metrics). */
  public long unknownCount() {
    return cache.unknownCount();
  }

}
