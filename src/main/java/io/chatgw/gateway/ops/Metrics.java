package io.chatgw.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** Vert.x metrics through vertx-micrometer-metrics, scraped in Prometheus text at {@code /metrics}. */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** A Vertx instance that reports its HTTP, event-bus and pool metrics to this registry. */
  public Vertx newVertx(VertxOptions options) {
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  public void mount(Router router) {
    io.chatgw.gateway.http.Routes.get(router, "/metrics", PrometheusScrapingHandler.create(registry));
  }
}
