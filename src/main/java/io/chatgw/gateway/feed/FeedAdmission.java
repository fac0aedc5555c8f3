package io.chatgw.gateway.feed;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.failure.ResponseHeaders;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many SSE streams and WebSockets are open, on the whole instance and per tenant, each
 * bounded: one more than {@code feed.maxSubscribers} is 503, one more of a tenant than {@code
 * feed.maxPerTenant} is 429, both with {@code Retry-After}. Safe on any thread.
 */
final class FeedAdmission {

  private static final ResponseHeaders RETRY_AFTER = ResponseHeaders.of("Retry-After", "1");

  private final int maxSubscribers;
  private final int maxPerTenant;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();

  FeedAdmission(int maxSubscribers, int maxPerTenant) {
    this.maxSubscribers = maxSubscribers;
    this.maxPerTenant = maxPerTenant;
  }

  /** Takes a place for a subscriber of the tenant, or throws the 503 / 429. */
  void admit(String tenantId) {
    if (open.incrementAndGet() > maxSubscribers) {
      open.decrementAndGet();
      throw GatewayError.unavailable().withHeaders(RETRY_AFTER);
    }
    boolean[] refused = new boolean[1];
    perTenant.compute(tenantId, (id, count) -> {
      AtomicInteger n = count == null ? new AtomicInteger() : count;
      if (n.get() >= maxPerTenant) {
        refused[0] = true;
      } else {
        n.incrementAndGet();
      }
      return n.get() == 0 ? null : n;
    });
    if (refused[0]) {
      open.decrementAndGet();
      throw GatewayError.of(429).withHeaders(RETRY_AFTER);
    }
  }

  void release(String tenantId) {
    open.decrementAndGet();
    perTenant.computeIfPresent(tenantId, (id, n) -> n.decrementAndGet() == 0 ? null : n);
  }

  int open() {
    return open.get();
  }
}
