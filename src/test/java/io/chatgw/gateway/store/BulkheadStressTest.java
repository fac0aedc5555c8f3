package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.QueueHammer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11's stall hunt: the bulkhead (credential lookups, large pages, imports) under calls from
 * eight contexts on four event loops that end at random, with waits short enough that waiters run
 * late while places are handed over. No call ever waits while a place is free, no more than
 * {@code maxActive} calls run at once, every request ends (refused ones with a 503, the others with
 * their call's own result), and every place comes back.
 */
class BulkheadStressTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0} in flight, {1} waiting, {2} ms")
  @CsvSource({"1, 4, 1", "2, 16, 2", "3, 64, 5", "2, 64, 3000"})
  void noCallWaitsWhileAPlaceIsFreeAndEveryPlaceComesBack(int maxActive, int maxWaiting, long maxWaitMillis)
      throws InterruptedException {
    Bulkhead bulkhead = new Bulkhead(maxActive, maxWaiting, maxWaitMillis);
    QueueHammer hammer = new QueueHammer(vertx, 8, 2_000, 12, 1, maxActive * 1000L + maxWaiting);
    QueueHammer.Report report = hammer.run((tenant, call) -> bulkhead.run(vertx, call),
        bulkhead::waitsWhilePlaceFree, 60_000);

    assertEquals(0, report.unfinished(), report.summary());
    assertEquals(0, report.invariantBreaks(), "a call waited while a place was free: " + report.summary());
    assertTrue(report.anomalies().isEmpty(), report.summary());
    assertTrue(report.maxConcurrent() <= maxActive, report.summary());
    assertTrue(report.ran() > 0 && report.refused() > 0, "both paths taken: " + report.summary());
    if (maxWaitMillis < 100) {
      assertTrue(report.refusedAfterWaiting() > 0, "waiters ran late: " + report.summary());
    }
    Eventually.eventually(Duration.ofSeconds(5), "every place given back",
        () -> bulkhead.active() + "/" + bulkhead.waiting(), "0/0"::equals);
  }

  @Test
  void withoutAWaitLimitNothingIsRefusedThatFoundRoomInTheQueue() throws InterruptedException {
    Bulkhead imports = Bulkhead.withoutWaitLimit(2, 1_000);
    QueueHammer.Report report = new QueueHammer(vertx, 8, 1_000, 8, 1, 7)
        .run((tenant, call) -> imports.run(vertx, call), imports::waitsWhilePlaceFree, 60_000);
    assertEquals(0, report.unfinished(), report.summary());
    assertEquals(0, report.invariantBreaks(), report.summary());
    assertTrue(report.anomalies().isEmpty(), report.summary());
    assertEquals(0, report.refused(), "64 outstanding never fill a queue of 1,000: " + report.summary());
    Eventually.eventually(Duration.ofSeconds(5), "every place given back",
        () -> imports.active() + "/" + imports.waiting(), "0/0"::equals);
  }
}
