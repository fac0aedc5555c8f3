package io.chatgw.gateway.http;

/**
 * Told of every answered history request: its dialect (a name of the closed set of routes), the
 * class of its status ({@code 2xx} … {@code 5xx}), and how long it took from its arrival on the
 * route to the end of its answer. The metrics implement it; the HTTP side knows no registry.
 */
@FunctionalInterface
public interface HistoryTimings {

  HistoryTimings NONE = (dialect, statusClass, nanos) -> {};

  void answered(String dialect, String statusClass, long nanos);

  /** 200 → "2xx"; anything outside 100–599 → "other", so the label stays a closed set. */
  static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }
}
