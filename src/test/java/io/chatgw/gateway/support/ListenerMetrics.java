package io.chatgw.gateway.support;

import static io.chatgw.gateway.support.Eventually.eventually;

import java.time.Duration;

/** The change listener as one gateway's /metrics shows it. */
public final class ListenerMetrics {

  private ListenerMetrics() {}

  public static long value(Http http, String name) {
    return http.get("/metrics").body().lines().filter(line -> line.startsWith(name + " "))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(name.length() + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in /metrics"));
  }

  public static boolean listening(Http http) {
    return value(http, "gateway_changes_listening") == 1;
  }

  public static long notifications(Http http) {
    return value(http, "gateway_changes_notifications_total");
  }

  public static long reconnects(Http http) {
    return value(http, "gateway_changes_reconnects_total");
  }

  public static void awaitListening(Http http) {
    eventually(Duration.ofSeconds(10), "the change listener listens", () -> listening(http));
  }

  /** Waits until the gateway has received more than {@code before} notifications (its own import's, say). */
  public static void awaitNotified(Http http, long before) {
    awaitNotified(http, before, 1);
  }

  /** Waits until the gateway has received at least {@code count} notifications after {@code before}. */
  public static void awaitNotified(Http http, long before, int count) {
    eventually(Duration.ofSeconds(5), count + " notifications after " + before,
        () -> notifications(http) >= before + count);
  }
}
