package io.chatgw.gateway.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.chatgw.gateway.http.HistoryTimings;
import io.chatgw.gateway.store.ReadPools;
import io.chatgw.gateway.store.Replica;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.LongSupplier;

/**
 * Vert.x metrics through vertx-micrometer-metrics, scraped in Prometheus text at {@code /metrics}.
 * Every label comes from a closed set, so that no request can add a series: the HTTP method is
 * one HTTP defines or {@code OTHER} ({@link ClosedMethodServerMetrics}; every made-up method name
 * used to become a label value of its own, about 11 series and 3 KB of heap each), the status
 * code is a number. Paths, remote addresses and routes are not labels (vertx-micrometer's
 * defaults, which this class keeps); history requests have a histogram of their own by dialect
 * and status class ({@link #historyTimings}), and the JVM and the process their binders' meters.
 */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final java.util.List<Object> held = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A Vertx instance that reports its HTTP, event-bus and pool metrics to this registry. */
  public Vertx newVertx(VertxOptions options) {
    // a name of its own: vertx-micrometer keeps its backends by registry name, process-wide
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setRegistryName("gateway-" + System.identityHashCode(registry)));
    MicrometerMetricsFactory micrometer = new MicrometerMetricsFactory(registry);
    return Vertx.builder().with(options).withMetrics(new VertxMetricsFactory() {
      @Override
      public VertxMetrics metrics(VertxOptions vertxOptions) {
        return new ClosedMethodMetrics(micrometer.metrics(vertxOptions));
      }

      @Override
      public MetricsOptions newOptions(MetricsOptions metricsOptions) {
        return micrometer.newOptions(metricsOptions);
      }
    }).build();
  }

  /** Counters of requests that came with a credential the store does not know, by kind. */
  public void countUnknownCredentials(LongSupplier apiKeys, LongSupplier sessionTokens) {
    held.add(apiKeys); // Micrometer holds a function counter's object weakly
    held.add(sessionTokens);
    FunctionCounter.builder("gateway.credentials.unknown", apiKeys, LongSupplier::getAsLong)
        .description("Requests with a credential the store does not know").tag("kind", "api_key")
        .register(registry);
    FunctionCounter.builder("gateway.credentials.unknown", sessionTokens, LongSupplier::getAsLong)
        .description("Requests with a credential the store does not know").tag("kind", "session_token")
        .register(registry);
  }

  /** Latency buckets of history requests: a closed list, so each timer is a fixed number of series. */
  static final Duration[] HISTORY_BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 20, 50, 100, 200, 500,
      1000, 2000, 5000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

  private final Map<String, Timer> historyTimers = new ConcurrentHashMap<>();

  /**
   * {@code gateway_history_seconds}: a histogram of history requests by dialect and status class
   * (both closed sets: the routes' dialect names and 1xx–5xx/other), with {@link #HISTORY_BUCKETS}.
   */
  public HistoryTimings historyTimings() {
    return (dialect, statusClass, nanos) -> historyTimers.computeIfAbsent(dialect + ' ' + statusClass,
            key -> Timer.builder("gateway.history").description("History requests, arrival to the end of the answer")
                .tag("dialect", dialect).tag("status", statusClass)
                .serviceLevelObjectives(HISTORY_BUCKETS).register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The JVM's and the process's own meters (Micrometer's binders): memory, GC, threads, classes, CPU, uptime, files. */
  private void bindJvmMeters() {
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    held.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  public Metrics() {
    bindJvmMeters();
  }

  /** The kinds an import reports, the closed set of {@code gateway_imported_entities_total}'s label. */
  static final java.util.List<String> IMPORTED_KINDS = java.util.List.of("tenants", "users", "rooms", "messages",
      "sessions");

  /** Adds what one import stored to {@code gateway_imported_entities_total{kind}}; other members are ignored. */
  public void countImported(io.vertx.core.json.JsonObject counts) {
    for (String kind : IMPORTED_KINDS) {
      Object n = counts.getValue(kind);
      if (n instanceof Number number && number.longValue() > 0) {
        registry.counter("gateway.imported.entities", "kind", kind).increment(number.longValue());
      }
    }
  }

  /** {@code gateway_database_failures_total{cause="deadline"|"unavailable"}}: database calls that became a 503. */
  public void countDatabaseFailures(LongSupplier deadlineHits, LongSupplier unavailable) {
    held.add(deadlineHits);
    held.add(unavailable);
    FunctionCounter.builder("gateway.database.failures", deadlineHits, LongSupplier::getAsLong)
        .description("Database calls that became a 503").tag("cause", "deadline").register(registry);
    FunctionCounter.builder("gateway.database.failures", unavailable, LongSupplier::getAsLong)
        .description("Database calls that became a 503").tag("cause", "unavailable").register(registry);
  }

  /**
   * Why a request was answered 503 while the database was healthy, the closed set of
   * {@code gateway_history_shed_total}'s {@code cause} label (database failures are
   * {@code gateway_database_failures_total}).
   */
  public enum ShedCause {
    /** Admission control: {@code http.maxInFlight} requests already in flight, refused before the credential. */
    IN_FLIGHT,
    /** The tenant's share of the pool was taken and its queue full. */
    TENANT_QUEUE,
    /** The tenant waited for its share until the deadline. */
    TENANT_WAIT,
    /** The large-page bulkhead ({@code pages.largePagesInFlight}, {@code pages.largePageQueue}) was full. */
    LARGE_PAGES,
    /** The credential-lookup bulkhead ({@code auth.maxLookups}, {@code auth.lookupQueue}) was full. */
    CREDENTIAL_LOOKUPS,
    /** The rendered answer did not fit the process's {@code pages.responseBudgetBytes}. */
    RESPONSE_BUDGET,
    /** The gateway was draining for shutdown. */
    DRAINING;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code gateway_history_in_flight}: history requests admitted and not yet answered. */
  public void observeInFlight(LongSupplier inFlight) {
    held.add(inFlight);
    Gauge.builder("gateway.history.in.flight", inFlight, LongSupplier::getAsLong)
        .description("History requests admitted and not yet answered").register(registry);
  }

  /** {@code gateway_history_shed_total{cause}}: requests answered 503 for {@code cause} so far. */
  public void countShed(ShedCause cause, LongSupplier count) {
    held.add(count);
    FunctionCounter.builder("gateway.history.shed", count, LongSupplier::getAsLong)
        .description("Requests answered 503 because the gateway was saturated or draining")
        .tag("cause", cause.label()).register(registry);
  }

  /**
   * Where history pages were read, {@code gateway_reads_total{pool="primary"|"replica"}}, those read
   * again on the primary after a replica failed under them ({@code gateway_reads_fallbacks_total}),
   * imports that answered before every replica had replayed them
   * ({@code gateway_replica_catch_up_timeouts_total}), and per replica, labelled by its index in
   * {@code database.replicas.urls} (never its URL, so the labels are bounded by the configuration):
   * {@code gateway_replica_up} and {@code gateway_replica_lag_bytes}.
   */
  public void observeReads(ReadPools reads) {
    LongSupplier primary = reads::primaryReads;
    LongSupplier replica = reads::replicaReads;
    LongSupplier fallbacks = reads::fallbacks;
    LongSupplier catchUpTimeouts = reads::catchUpTimeouts;
    held.add(primary);
    held.add(replica);
    held.add(fallbacks);
    held.add(catchUpTimeouts);
    FunctionCounter.builder("gateway.reads", primary, LongSupplier::getAsLong)
        .description("History pages read, by pool").tag("pool", "primary").register(registry);
    FunctionCounter.builder("gateway.reads", replica, LongSupplier::getAsLong)
        .description("History pages read, by pool").tag("pool", "replica").register(registry);
    FunctionCounter.builder("gateway.reads.fallbacks", fallbacks, LongSupplier::getAsLong)
        .description("History pages read again on the primary after a replica failed under them").register(registry);
    FunctionCounter.builder("gateway.replica.catch.up.timeouts", catchUpTimeouts, LongSupplier::getAsLong)
        .description("Imports that answered before every replica in rotation had replayed them").register(registry);
    for (Replica r : reads.replicas()) {
      LongSupplier up = () -> r.up() ? 1 : 0;
      LongSupplier lag = r::lagBytes;
      held.add(up);
      held.add(lag);
      String index = String.valueOf(r.index());
      Gauge.builder("gateway.replica.up", up, LongSupplier::getAsLong)
          .description("1 while the read replica is in rotation, else 0").tag("replica", index).register(registry);
      Gauge.builder("gateway.replica.lag", lag, LongSupplier::getAsLong).baseUnit("bytes")
          .description("WAL the primary had written that the replica had not replayed, at the last probe")
          .tag("replica", index).register(registry);
    }
  }

  /** The {@code /metrics} handler: the registry in Prometheus text. */
  public Handler<RoutingContext> scraping() {
    return PrometheusScrapingHandler.create(registry);
  }

  /**
   * The change listener: notifications received, reconnections (each dropped every cache), and
   * whether it listens now (1) or not (0).
   */
  public void observeChangeListener(LongSupplier notifications, LongSupplier reconnects, LongSupplier listening) {
    held.add(notifications);
    held.add(reconnects);
    held.add(listening);
    FunctionCounter.builder("gateway.changes.notifications", notifications, LongSupplier::getAsLong)
        .description("Change notifications received from the database").register(registry);
    FunctionCounter.builder("gateway.changes.reconnects", reconnects, LongSupplier::getAsLong)
        .description("Times the change listener listened again after losing its connection").register(registry);
    Gauge.builder("gateway.changes.listening", listening, LongSupplier::getAsLong)
        .description("1 while the change listener listens, else 0").register(registry);
  }

  /**
   * The live feed: SSE streams and WebSockets open now, changes handed to them, and clients
   * dropped because they did not read ({@code gateway_feed_slow_drops_total}).
   */
  public void observeFeed(LongSupplier subscribers, LongSupplier delivered, LongSupplier slowDrops) {
    held.add(subscribers);
    held.add(delivered);
    held.add(slowDrops);
    Gauge.builder("gateway.feed.subscribers", subscribers, LongSupplier::getAsLong)
        .description("SSE streams and WebSockets of the live feed open now").register(registry);
    FunctionCounter.builder("gateway.feed.events", delivered, LongSupplier::getAsLong)
        .description("Message changes handed to feed subscribers").register(registry);
    FunctionCounter.builder("gateway.feed.slow.drops", slowDrops, LongSupplier::getAsLong)
        .description("Feed subscribers dropped because their write queue was full").register(registry);
  }
}
