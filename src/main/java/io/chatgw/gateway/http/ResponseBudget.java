package io.chatgw.gateway.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of rendered history answers that are not yet written to their sockets, summed over
 * every connection of the process, against one configured budget. A slow reader's answer is held
 * (in heap, then in Netty's direct buffers) until the socket takes it: without a bound, clients
 * that ask for large pages and read slowly exhaust direct memory. One budget per process, since
 * it stands for one heap.
 */
public final class ResponseBudget {

  private static final AtomicLong limit = new AtomicLong(Long.MAX_VALUE);
  private static final AtomicLong held = new AtomicLong();
  private static final AtomicLong refused = new AtomicLong();

  private ResponseBudget() {}

  public static void configure(long bytes) {
    limit.set(bytes);
  }

  /** Takes {@code bytes} from the budget, or returns false (and takes nothing) when they do not fit. */
  static boolean tryTake(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > limit.get() && now > 0) {
        refused.incrementAndGet();
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  static void giveBack(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Answers refused so far because they did not fit (each became a 503). */
  public static long refused() {
    return refused.get();
  }

  static long held() {
    return held.get();
  }
}
