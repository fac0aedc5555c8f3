package io.chatgw.gateway.changes;

import static io.chatgw.gateway.support.Eventually.eventually;

import io.chatgw.gateway.support.Http;
import java.time.Duration;

/** The change listener as one gateway's /metrics shows it. */
final class ListenerMetrics {

  private ListenerMetrics() {}

  static long value(Http http, String name) {
    return http.get("/metrics").body().lines().filter(line -> line.startsWith(name + " "))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(name.length() + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in /metrics"));
  }

  static boolean listening(Http http) {
    return value(http, "gateway_changes_listening") == 1;
  }

  static long notifications(Http http) {
    return value(http, "gateway_changes_notifications_total");
  }

  static long reconnects(Http http) {
    return value(http, "gateway_changes_reconnects_total");
  }

  static void awaitListening(Http http) {
    eventually(Duration.ofSeconds(10), "the change listener listens", () -> listening(http));
  }

  /** Waits until the gateway has received more than {@code before} notifications (its own import's, say). */
  static void awaitNotified(Http http, long before) {
    eventually(Duration.ofSeconds(5), "a notification after " + before, () -> notifications(http) > before);
  }
}
