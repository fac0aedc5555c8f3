package io.chatgw.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which rate limit applies to a tenant: its own (stored with the tenant by the import), else the
 * configured default. One small query on a cache miss, never one per request; an import on this
 * instance drops the cache, a change made through another instance drops the tenant's entry when
 * its notification arrives (see the {@code changes} package).
 */
public final class TenantLimits {

  static final String SELECT_RATE_LIMIT = "SELECT rate_per_second, rate_burst FROM tenant WHERE id = $1";

  private final Pool pool;
  private final Deadlines deadlines;
  private final RateLimit fallback;
  private final Cache<String, RateLimit> cache;
  /** Bumped by every invalidation, so that a lookup begun before an import does not cache its old answer. */
  private final AtomicLong generation = new AtomicLong();

  public TenantLimits(Pool pool, Deadlines deadlines, RateLimit fallback, int cacheSeconds, long maxTenants) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.fallback = fallback;
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxTenants)
        .expireAfterWrite(Duration.ofSeconds(cacheSeconds))
        .executor(Runnable::run)
        .build();
  }

  /** The tenant's limit ({@link RateLimit#OFF} when none applies), or a 503 when the store does not answer. */
  public Future<RateLimit> of(String tenant) {
    RateLimit cached = cache.getIfPresent(tenant);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long asked = generation.get();
    return deadlines.bound(pool.preparedQuery(SELECT_RATE_LIMIT).execute(Tuple.of(tenant)))
        .map(rows -> {
          RateLimit limit = stored(rows);
          if (generation.get() == asked) {
            cache.put(tenant, limit);
          }
          return limit;
        });
  }

  /** Forgets every tenant's limit, after an import that may have changed some. */
  public void invalidateAll() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }

  /** Forgets these tenants' limits, after a change to them. */
  public void invalidateTenants(Set<String> tenants) {
    generation.incrementAndGet();
    cache.invalidateAll(tenants);
  }

  private RateLimit stored(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return fallback;
    }
    Row row = rows.iterator().next();
    Integer perSecond = row.getInteger(0);
    return perSecond == null ? fallback : new RateLimit(perSecond, row.getInteger(1));
  }
}
