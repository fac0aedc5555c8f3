package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * Reads an answer's {@code RateLimit} and {@code RateLimit-Policy} fields as
 * draft-ietf-httpapi-ratelimit-headers-11 defines them, failing the test on anything the draft
 * does not allow: each a non-empty Structured Fields List; a policy item is a String with a
 * required non-negative Integer {@code q} and an optional positive Integer {@code w}; a
 * service-limit item is a String naming a listed policy, with a required non-negative Integer
 * {@code r} and an optional non-negative Integer {@code t}.
 */
public record RateLimitHeaders(String policy, long quota, long window, long burst, long remaining, long resetSeconds) {

  public static RateLimitHeaders of(Http.Response response) {
    List<StructuredFields.Item> policies = StructuredFields.parseList(response.header("RateLimit-Policy"));
    List<StructuredFields.Item> limits = StructuredFields.parseList(response.header("RateLimit"));
    assertEquals(1, policies.size(), "one policy");
    assertEquals(1, limits.size(), "one service limit");
    StructuredFields.Item policy = policies.get(0);
    StructuredFields.Item limit = limits.get(0);
    assertTrue(policy.value() instanceof String, "a policy is named by a String");
    assertEquals(policy.value(), limit.value(), "the service limit names the policy");
    long q = nonNegative(policy.params().get("q"), "q");
    Object w = policy.params().get("w");
    assertTrue(w == null || w instanceof Long n && n > 0, "w is a positive Integer");
    long r = nonNegative(limit.params().get("r"), "r");
    Object t = limit.params().get("t");
    assertTrue(t == null || t instanceof Long n && n >= 0, "t is a non-negative Integer");
    Object burst = policy.params().get("chatgw-burst");
    return new RateLimitHeaders((String) policy.value(), q, w == null ? -1 : (Long) w,
        burst instanceof Long b ? b : -1, r, t == null ? -1 : (Long) t);
  }

  /** An answer without any rate-limit field (no limit applies). */
  public static void assertNone(Http.Response response) {
    assertNull(response.header("RateLimit"), "RateLimit");
    assertNull(response.header("RateLimit-Policy"), "RateLimit-Policy");
    assertNull(response.header("Retry-After"), "Retry-After");
  }

  /** {@code Retry-After} as delay-seconds (RFC 9110 10.2.3): whole seconds, here at least 1. */
  public static long retryAfter(Http.Response response) {
    String value = response.header("Retry-After");
    assertTrue(value != null && value.matches("[0-9]+"), "Retry-After in whole seconds: " + value);
    long seconds = Long.parseLong(value);
    assertTrue(seconds >= 1, "Retry-After >= 1: " + value);
    return seconds;
  }

  private static long nonNegative(Object value, String name) {
    assertTrue(value instanceof Long n && n >= 0, name + " is a required non-negative Integer: " + value);
    return (Long) value;
  }
}
