package io.chatgw.gateway.limits;

import io.chatgw.gateway.failure.ResponseHeaders;
import io.vertx.core.http.HttpHeaders;

/**
 * The fields of draft-ietf-httpapi-ratelimit-headers-11 for a tenant's token bucket, each a
 * Structured Fields List (RFC 9651) of one item named {@code "tenant"}:
 * <pre>
 * RateLimit-Policy: "tenant";q=&lt;perSecond&gt;;w=1;chatgw-burst=&lt;burst&gt;
 * RateLimit: "tenant";r=&lt;requests available now&gt;;t=&lt;seconds until the next one is added&gt;
 * </pre>
 * and, on a 429, {@code Retry-After} with the same whole seconds as {@code t}, at least 1 (the
 * draft wants Retry-After no earlier than the end of the effective window {@code t}).
 */
final class RateLimitFields {

  static final CharSequence RATE_LIMIT = HttpHeaders.createOptimized("RateLimit");
  static final CharSequence RATE_LIMIT_POLICY = HttpHeaders.createOptimized("RateLimit-Policy");
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private RateLimitFields() {}

  /** The policy: the sustained rate as a quota per 1-second window, the bucket size as a vendor parameter. */
  static String policy(RateLimit limit) {
    return "\"tenant\";q=" + limit.perSecond() + ";w=1;chatgw-burst=" + limit.burst();
  }

  static ResponseHeaders admitted(String policy, long remaining, long nanosToNextToken) {
    return ResponseHeaders.of(RATE_LIMIT, current(remaining, seconds(nanosToNextToken)))
        .and(RATE_LIMIT_POLICY, policy);
  }

  static ResponseHeaders throttled(String policy, long nanosToNextToken) {
    long seconds = seconds(nanosToNextToken);
    return ResponseHeaders.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .and(RATE_LIMIT, current(0, seconds))
        .and(RATE_LIMIT_POLICY, policy);
  }

  private static String current(long remaining, long seconds) {
    return "\"tenant\";r=" + remaining + ";t=" + seconds;
  }

  /** Whole seconds, rounded up, at least 1: a client that waits that long finds a token. */
  static long seconds(long nanos) {
    return Math.max(1, nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND == 0 ? 0 : 1));
  }
}
