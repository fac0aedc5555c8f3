package io.chatgw.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * One token bucket per tenant (Bucket4j, in this process's memory), held in a bounded cache. A
 * bucket left alone until it is full again is dropped: a new one starts full, so nothing is lost.
 */
public final class TenantBuckets {

  static final int TOO_MANY_REQUESTS = 429;

  private record TenantBucket(RateLimit limit, Bucket bucket, String policy) {
    long nanosToFill() {
      return Math.max(1, (long) Math.ceil(limit.burst() * 1e9 / limit.perSecond()));
    }
  }

  private final Cache<String, TenantBucket> buckets;
  private final TimeMeter time;

  public TenantBuckets(long maxTenants) {
    this(maxTenants, TimeMeter.SYSTEM_NANOTIME);
  }

  TenantBuckets(long maxTenants, TimeMeter time) {
    this.time = time;
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxTenants)
        .expireAfter(new UntilFull())
        .executor(Runnable::run)
        .build();
  }

  /**
   * Takes one request from the tenant's bucket: the rate-limit fields to answer with, or a 429
   * carrying them and {@code Retry-After}. {@link RateLimit#OFF} takes nothing and adds no field.
   */
  public Future<ResponseHeaders> take(String tenant, RateLimit limit) {
    if (limit.isOff()) {
      return Future.succeededFuture(ResponseHeaders.NONE);
    }
    TenantBucket entry = bucketOf(tenant, limit);
    ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      return Future.failedFuture(GatewayError.of(TOO_MANY_REQUESTS)
          .withHeaders(RateLimitFields.throttled(entry.policy(), probe.getNanosToWaitForRefill())));
    }
    long remaining = probe.getRemainingTokens();
    long nextToken = entry.bucket().estimateAbilityToConsume(remaining + 1).getNanosToWaitForRefill();
    return Future.succeededFuture(RateLimitFields.admitted(entry.policy(), remaining, nextToken));
  }

  /** The tenant's bucket; a changed limit keeps the tokens it had (at most the new burst). */
  private TenantBucket bucketOf(String tenant, RateLimit limit) {
    TenantBucket entry = buckets.get(tenant, t -> newBucket(limit));
    if (!entry.limit().equals(limit)) {
      entry.bucket().replaceConfiguration(configuration(limit), TokensInheritanceStrategy.AS_IS);
      entry = new TenantBucket(limit, entry.bucket(), RateLimitFields.policy(limit));
      buckets.put(tenant, entry);
    }
    return entry;
  }

  private TenantBucket newBucket(RateLimit limit) {
    Bucket bucket = Bucket.builder().withCustomTimePrecision(time).addLimit(bandwidth(limit)).build();
    return new TenantBucket(limit, bucket, RateLimitFields.policy(limit));
  }

  private static BucketConfiguration configuration(RateLimit limit) {
    return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
  }

  /** {@code burst} tokens at most, {@code perSecond} added a second, each as soon as it is due. */
  private static Bandwidth bandwidth(RateLimit limit) {
    return Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build();
  }

  /** An entry lives, after each use, as long as its bucket takes to fill up again. */
  private static final class UntilFull implements Expiry<String, TenantBucket> {
    @Override
    public long expireAfterCreate(String tenant, TenantBucket entry, long now) {
      return entry.nanosToFill();
    }

    @Override
    public long expireAfterUpdate(String tenant, TenantBucket entry, long now, long current) {
      return entry.nanosToFill();
    }

    @Override
    public long expireAfterRead(String tenant, TenantBucket entry, long now, long current) {
      return entry.nanosToFill();
    }
  }
}
