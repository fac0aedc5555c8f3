package io.chatgw.gateway.support;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something that happens by itself (a gateway that heals, a log line, a process that
 * becomes ready): polls every {@link #INTERVAL} on the JUnit thread, and fails with what was
 * awaited, how long, and the last value seen once {@code timeout} has passed.
 */
public final class Eventually {

  public static final Duration INTERVAL = Duration.ofMillis(50);

  private Eventually() {}

  /**
   * Polls {@code probe} until {@code done} accepts its value, and returns that value. An exception
   * from either (an assertion included) fails at once: only "not yet" is retried.
   */
  public static <T> T eventually(Duration timeout, String what, Supplier<T> probe, Predicate<? super T> done) {
    if (Context.isOnVertxThread()) {
      throw new IllegalStateException("Eventually blocks: call it on the JUnit thread, not on " + Thread.currentThread());
    }
    long start = System.nanoTime();
    while (true) {
      T value = probe.get();
      if (done.test(value)) {
        return value;
      }
      long waited = System.nanoTime() - start;
      if (waited >= timeout.toNanos()) {
        throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms (waited "
            + waited / 1_000_000 + " ms); last seen: " + describe(value));
      }
      sleep();
    }
  }

  /** Polls {@code condition} until it is true. */
  public static void eventually(Duration timeout, String what, BooleanSupplier condition) {
    eventually(timeout, what, condition::getAsBoolean, Boolean::booleanValue);
  }

  private static String describe(Object value) {
    return value instanceof Http.Response r ? r.status() + " " + r.body() : String.valueOf(value);
  }

  private static void sleep() {
    try {
      Thread.sleep(INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
