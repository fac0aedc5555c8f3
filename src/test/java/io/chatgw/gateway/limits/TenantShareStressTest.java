package io.chatgw.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.QueueHammer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11's stall hunt: tenants' shares under calls from eight contexts on four event loops that
 * end at random, with a deadline of a few milliseconds, so that a waiter's deadline often fires
 * while one of its tenant's calls completes. No request waits while its tenant is under its share
 * (with one tenant: while fewer than the idle limit are in flight), no call starts twice, a
 * request refused or expired never runs, every request ends, and nothing stays counted.
 */
class TenantShareStressTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0} tenant(s), share {1}, idle limit {2}, queue {3}, {4} ms")
  @CsvSource({"1, 1, 0, 8, 1", "1, 2, 4, 32, 3", "1, 4, 7, 32, 3000", "4, 2, 5, 16, 2", "16, 1, 7, 4, 1"})
  void noRequestWaitsUnderItsShareAndNothingStaysCounted(int tenants, int share, int idleLimit, int queue,
      long maxWaitMillis) throws InterruptedException {
    TenantShare shares = new TenantShare(vertx, share, idleLimit, queue, maxWaitMillis);
    boolean poolWide = tenants == 1;
    QueueHammer hammer = new QueueHammer(vertx, 8, 2_000, 12, tenants, tenants * 100L + share);
    QueueHammer.Report report = hammer.run((tenant, call) -> shares.run("t" + tenant, call),
        () -> shares.lostWakeUps(poolWide) > 0, 60_000);

    assertEquals(0, report.unfinished(), report.summary());
    assertEquals(0, report.invariantBreaks(), "a request waited under its share: " + report.summary());
    assertTrue(report.anomalies().isEmpty(), report.summary());
    int bound = poolWide ? Math.max(share, idleLimit) : tenants * share + idleLimit;
    assertTrue(report.maxConcurrent() <= bound, report.summary());
    assertTrue(report.ran() > 0, report.summary());
    if (maxWaitMillis < 100) {
      assertTrue(report.refusedAfterWaiting() > 0, "deadlines fired: " + report.summary());
    }
    Eventually.eventually(Duration.ofSeconds(5), "nothing counted", () -> shares.inFlight() + "/" + shares.tenantsHeld(),
        "0/0"::equals);
  }
}
