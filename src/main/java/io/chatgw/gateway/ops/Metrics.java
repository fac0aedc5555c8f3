package io.chatgw.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Vert.x metrics through vertx-micrometer-metrics, scraped in Prometheus text at {@code /metrics}.
 * Every label comes from a closed set, so that no request can add a series: the HTTP method is
 * one HTTP defines or {@code OTHER} ({@link ClosedMethodServerMetrics}; every made-up method name
 * used to become a label value of its own, about 11 series and 3 KB of heap each), the status
 * code is a number. Paths, remote addresses and routes are not labels (vertx-micrometer's
 * defaults, which this class keeps).
 */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** A Vertx instance that reports its HTTP, event-bus and pool metrics to this registry. */
  public Vertx newVertx(VertxOptions options) {
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    MicrometerMetricsFactory micrometer = new MicrometerMetricsFactory(registry);
    return Vertx.builder().with(options)
        .withMetrics(vertxOptions -> new ClosedMethodMetrics(micrometer.metrics(vertxOptions)))
        .build();
  }

  public void mount(Router router) {
    io.chatgw.gateway.http.Routes.get(router, "/metrics", PrometheusScrapingHandler.create(registry));
  }
}
