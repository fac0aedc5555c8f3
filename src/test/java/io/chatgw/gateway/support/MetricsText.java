package io.chatgw.gateway.support;

/** Reading one series of a gateway's /metrics (Prometheus text). */
public final class MetricsText {

  private MetricsText() {}

  /** The value of the series written exactly so ({@code name{labels}}), 0 when it is not there. */
  public static double value(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
  }

  public static double value(Http http, String series) {
    return value(http.get("/metrics").body(), series);
  }
}
