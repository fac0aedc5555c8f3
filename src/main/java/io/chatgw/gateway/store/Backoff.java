package io.chatgw.gateway.store;

/** Exponential back-off: {@code firstMillis} after the first failure, doubling, never above {@code maxMillis}. */
public record Backoff(long firstMillis, long maxMillis) {

  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
  public long delayMillis(int failures) {
    long delay = firstMillis;
    for (int i = 1; i < failures && delay < maxMillis; i++) {
      delay *= 2;
    }
    return Math.min(delay, maxMillis);
  }
}
