package io.chatgw.gateway.support;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The waiting helper: it returns what it waited for, and fails saying what that was and what it saw. */
class EventuallyTest {

  @Test
  void returnsTheFirstValueItWaitedFor() {
    AtomicInteger polls = new AtomicInteger();
    assertEquals(3, eventually(Duration.ofSeconds(5), "the third poll", polls::incrementAndGet, n -> n == 3));
    assertEquals(3, polls.get(), "no poll after the condition held");
  }

  @Test
  void failsOnceTheTimeoutHasPassedNamingWhatItAwaitedAndTheLastValue() {
    long start = System.nanoTime();
    AssertionError failure = assertThrows(AssertionError.class,
        () -> eventually(Duration.ofMillis(200), "a yes", () -> "no", "yes"::equals));
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 200, "gave up before the timeout");
    assertTrue(failure.getMessage().startsWith("a yes: not within 200 ms"), failure.getMessage());
    assertTrue(failure.getMessage().endsWith("last seen: no"), failure.getMessage());
  }

  @Test
  void refusesToBlockAnEventLoop() {
    Vertx vertx = Vertx.vertx();
    try {
      Promise<Throwable> refused = Promise.promise();
      vertx.runOnContext(v -> {
        try {
          eventually(Duration.ofSeconds(1), "anything", () -> true);
          refused.complete(null);
        } catch (IllegalStateException e) {
          refused.complete(e);
        }
      });
      assertTrue(refused.future().await() instanceof IllegalStateException, "waited on an event loop");
    } finally {
      vertx.close().await();
    }
  }
}
