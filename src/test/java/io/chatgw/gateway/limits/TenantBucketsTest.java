package io.chatgw.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The bucket semantics (docs/decisions.md, Fair sharing), on a clock the test moves: {@code burst}
 * requests at once, then {@code perSecond} a second, each token added as soon as it is due; the
 * fields and Retry-After say exactly that in draft-11 syntax.
 */
class TenantBucketsTest {

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final TenantBuckets buckets = new TenantBuckets(100, new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  });

  @Test
  void aBurstOfThreeThenOneASecond() {
    RateLimit limit = new RateLimit(1, 3);
    assertAdmitted(buckets.take("t", limit), 2, 1);
    assertAdmitted(buckets.take("t", limit), 1, 1);
    assertAdmitted(buckets.take("t", limit), 0, 1);
    assertRefused(buckets.take("t", limit), 1, "\"tenant\";q=1;w=1;chatgw-burst=3");

    advance(999);
    assertRefused(buckets.take("t", limit), 1, "\"tenant\";q=1;w=1;chatgw-burst=3");
    advance(1);
    assertAdmitted(buckets.take("t", limit), 0, 1);
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    RateLimit limit = new RateLimit(4, 1);
    assertAdmitted(buckets.take("t", limit), 0, 1);
    assertRefused(buckets.take("t", limit), 1, "\"tenant\";q=4;w=1;chatgw-burst=1");
    assertEquals(3, RateLimitFields.seconds(2_000_000_001L));
    assertEquals(1, RateLimitFields.seconds(0));
  }

  @Test
  void tenantsHaveBucketsOfTheirOwn() {
    RateLimit limit = new RateLimit(1, 1);
    assertAdmitted(buckets.take("a", limit), 0, 1);
    assertRefused(buckets.take("a", limit), 1, "\"tenant\";q=1;w=1;chatgw-burst=1");
    assertAdmitted(buckets.take("b", limit), 0, 1);
  }

  @Test
  void aChangedLimitKeepsTheTokensTheBucketHad() {
    assertAdmitted(buckets.take("t", new RateLimit(1, 1)), 0, 1);
    assertRefused(buckets.take("t", new RateLimit(1, 5)), 1, "\"tenant\";q=1;w=1;chatgw-burst=5");
    advance(2000);
    assertAdmitted(buckets.take("t", new RateLimit(1, 5)), 1, 1);
  }

  @Test
  void offTakesNothingAndAddsNoField() {
    for (int i = 0; i < 1000; i++) {
      assertSame(ResponseHeaders.NONE, buckets.take("t", RateLimit.OFF).result());
    }
  }

  private void advance(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private static void assertAdmitted(Future<ResponseHeaders> taken, long remaining, long seconds) {
    assertTrue(taken.succeeded(), String.valueOf(taken.cause()));
    assertEquals("\"tenant\";r=" + remaining + ";t=" + seconds, taken.result().get("RateLimit"));
    assertEquals(null, taken.result().get("Retry-After"));
  }

  private static void assertRefused(Future<ResponseHeaders> taken, long retryAfter, String policy) {
    assertTrue(taken.failed());
    GatewayError error = (GatewayError) taken.cause();
    assertEquals(429, error.status());
    assertEquals(String.valueOf(retryAfter), error.headers().get("Retry-After"));
    assertEquals("\"tenant\";r=0;t=" + retryAfter, error.headers().get("RateLimit"));
    assertEquals(policy, error.headers().get("RateLimit-Policy"));
  }
}
