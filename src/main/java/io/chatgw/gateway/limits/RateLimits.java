package io.chatgw.gateway.limits;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/** A tenant's history request against its rate limit: which limit applies, then its bucket. */
public final class RateLimits {

  private final TenantLimits limits;
  private final TenantBuckets buckets;

  public RateLimits(TenantLimits limits, TenantBuckets buckets) {
    this.limits = limits;
    this.buckets = buckets;
  }

  /** Limits looked up in the store, cached as long as credentials are; the configured default else. */
  public static RateLimits create(Pool pool, Deadlines deadlines, GatewayConfig.RateLimiting rate, int cacheSeconds) {
    return new RateLimits(
        new TenantLimits(pool, deadlines, RateLimit.of(rate), cacheSeconds, rate.maxTenants()),
        new TenantBuckets(rate.maxTenants()));
  }

  /** The rate-limit fields to answer with, or a failed future: 429 over the limit, 503 store down. */
  public Future<ResponseHeaders> take(String tenant) {
    return limits.of(tenant).compose(limit -> buckets.take(tenant, limit));
  }

  /** After an import: tenants' limits are looked up again. */
  public void invalidateAll() {
    limits.invalidateAll();
  }

  /** After a change to these tenants: their limits are looked up again. */
  public void invalidateTenants(Set<String> tenants) {
    limits.invalidateTenants(tenants);
  }
}
