package io.chatgw.gateway;

import io.chatgw.gateway.admin.AdminApi;
import io.chatgw.gateway.auth.ApiKeys;
import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.auth.SessionTokens;
import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.bus.LocalCodec;
import io.chatgw.gateway.bus.LocalReaders;
import io.chatgw.gateway.changes.ChangeListenerVerticle;
import io.chatgw.gateway.changes.Invalidations;
import io.chatgw.gateway.changes.Kind;
import io.chatgw.gateway.changes.ListenerStats;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.Dialect;
import io.chatgw.gateway.dialect.Dialects;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.feed.Feed;
import io.chatgw.gateway.config.PageLimits;
import io.chatgw.gateway.http.Admission;
import io.chatgw.gateway.http.HistoryChain;
import io.chatgw.gateway.http.HistoryClient;
import io.chatgw.gateway.http.Cors;
import io.chatgw.gateway.http.HistoryRoute;
import io.chatgw.gateway.http.PathErrors;
import io.chatgw.gateway.http.ResponseBudget;
import io.chatgw.gateway.http.RouterVerticle;
import io.chatgw.gateway.limits.RateLimits;
import io.chatgw.gateway.limits.TenantShare;
import io.chatgw.gateway.ops.Health;
import io.chatgw.gateway.ops.Lifecycle;
import io.chatgw.gateway.ops.Metrics;
import io.chatgw.gateway.store.DatabaseHints;
import io.chatgw.gateway.store.Bulkhead;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.MessageVerticle;
import io.chatgw.gateway.store.Migrations;
import io.chatgw.gateway.store.Pools;
import io.chatgw.gateway.store.ReadPools;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the shared pool and credential checks, then the message verticles, then
 * the router verticles, one instance of each per event loop, then the change listener that keeps
 * the caches in step with imports made through any instance. The HTTP port opens even while the
 * database is not there yet; the schema is migrated in the background, retried until it works.
 * Used by {@link Main} and the tests.
 */
public final class Gateway {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Lifecycle lifecycle;
  private final Promise<Void> migrated = Promise.promise();

  private volatile ListenerStats listener;
  private volatile ReadPools reads;
  private volatile Feed feed;

  private Gateway(Vertx vertx, Pool pool, Lifecycle lifecycle) {
    this.vertx = vertx;
    this.pool = pool;
    this.lifecycle = lifecycle;
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Migrations migrations, Metrics metrics) {
    LocalCodec.registerAll(vertx.eventBus());
    Lifecycle lifecycle = new Lifecycle();
    Pool pool = Pools.shared(vertx, config.database());
    Gateway gateway = new Gateway(vertx, pool, lifecycle);
    Clock clock = Clock.systemUTC();
    Deadlines deadlines = new Deadlines(config.database().deadlineMillis());
    metrics.countDatabaseFailures(deadlines::deadlineHits, deadlines::unavailable);
    Bulkhead lookups = new Bulkhead(config.auth().maxLookups(), config.auth().lookupQueue(),
        config.database().deadlineMillis());
    SessionTokens sessions = new SessionTokens(vertx, pool, deadlines, lookups, clock, config.auth());
    ApiKeys apiKeys = new ApiKeys(vertx, pool, deadlines, lookups, config.auth());
    metrics.countUnknownCredentials(apiKeys::unknownCount, sessions::unknownCount);
    Invalidations invalidations = new Invalidations();
    ListenerStats listener = new ListenerStats();
    gateway.listener = listener;
    metrics.observeChangeListener(listener::notifications, listener::reconnects, () -> listener.listening() ? 1 : 0);
    Jwts jwts = Jwts.create(vertx, config.jwt());
    PageLimits pages = config.pages();
    ResponseBudget.configure(pages.responseBudgetBytes());
    RateLimits rateLimits = RateLimits.create(pool, deadlines, config.rateLimit(), config.auth().cacheSeconds());
    invalidations.register(Set.of(Kind.SESSION), sessions::invalidateTenants, sessions::invalidateAll);
    invalidations.register(Set.of(Kind.API_KEY), apiKeys::invalidateTenants, apiKeys::invalidateAll);
    invalidations.register(Set.of(Kind.TENANT), rateLimits::invalidateTenants, rateLimits::invalidateAll);
    TenantShare share = TenantShare.create(vertx, config.database());
    LocalReaders localReaders = new LocalReaders();
    Bulkhead largePages = new Bulkhead(pages.largePagesInFlight(), pages.largePageQueue(),
        config.database().deadlineMillis());
    HistoryClient historyClient = new HistoryClient(vertx, deadlines, config.database().deadlineMillis(),
        lifecycle::isDraining, rateLimits, share, largePages, pages.largePageRows(), localReaders);
    Admission admission = new Admission(config.http().maxInFlight());
    metrics.observeInFlight(admission::inFlight);
    metrics.countShed(Metrics.ShedCause.IN_FLIGHT, admission::refused);
    metrics.countShed(Metrics.ShedCause.TENANT_QUEUE, share::refusedQueueFull);
    metrics.countShed(Metrics.ShedCause.TENANT_WAIT, share::refusedAfterWaiting);
    metrics.countShed(Metrics.ShedCause.LARGE_PAGES, largePages::refused);
    metrics.countShed(Metrics.ShedCause.CREDENTIAL_LOOKUPS, lookups::refused);
    metrics.countShed(Metrics.ShedCause.RESPONSE_BUDGET, ResponseBudget::refused);
    metrics.countShed(Metrics.ShedCause.DRAINING, historyClient::refusedWhileDraining);
    List<Dialect> dialects = Dialects.all(config.mirage());
    Directory directory = new Directory(pool, deadlines, config.directory());
    invalidations.register(Set.of(Kind.USER), directory::dropUsers, directory::dropAll);
    invalidations.register(Set.of(Kind.ROOM), directory::dropRooms, directory::dropAll);
    invalidations.register(Set.of(Kind.MESSAGE), directory::dropMessages, directory::dropAll);
    ReadPools reads = ReadPools.create(vertx, pool, config.database(), deadlines, listener::listening,
        instances(config));
    gateway.reads = reads;
    // every notification is a commit that replica reads must have replayed; a (re)start of the
    // listener may have missed any
    invalidations.register(EnumSet.allOf(Kind.class), tenants -> reads.resync(), reads::resync);
    metrics.observeReads(reads);
    StoreContext store = new StoreContext(reads, deadlines, clock, pages.maxPageBytes(), directory,
        config.database().maxWaitQueueSize());
    CredentialChecks credentials = new CredentialChecks(sessions, apiKeys, jwts);
    Feed feed = new Feed(vertx, pool, deadlines, directory, credentials, config.feed());
    gateway.feed = feed;
    invalidations.register(Set.of(Kind.MESSAGE), feed::messagesChanged, feed::missedNotices);
    // after the directory's own drop (registered above): the re-check reads the new members
    invalidations.follow(Set.of(Kind.ROOM), feed::roomsChanged, feed::recheckAll);
    metrics.observeFeed(feed::subscribers, feed::delivered, feed::slowDrops);
    AdminApi admin = config.adminToken().map(token -> new AdminApi(vertx, pool, token, jwts, invalidations::dropAll,
        clock, config.imports(), metrics::countImported, reads::committed)).orElse(null);
    Map<String, HistoryReader> readers = new HashMap<>();
    List<HistoryRoute> history = new ArrayList<>();
    List<PathErrors> pathErrors = new ArrayList<>();
    for (Dialect dialect : dialects) {
      history.add(dialect.route(credentials));
      readers.put(dialect.name(), dialect.reader(store));
      pathErrors.add(new PathErrors(dialect.pathPrefix(), dialect.errors()));
    }
    RouteTable routes = new RouteTable(lifecycle, new Health(pool, deadlines, lifecycle), metrics, admin,
        new HistoryChain(historyClient, admission, metrics.historyTimings()), new Cors(config.http().corsOrigins(), config.http().corsMaxAgeSeconds()),
        config.http().accessLog(), history, pathErrors, feed);

    int instances = instances(config);
    return vertx.deployVerticle(() -> new MessageVerticle(readers, localReaders),
            new DeploymentOptions().setInstances(instances))
        .compose(id -> vertx.deployVerticle(() -> new RouterVerticle(config.http(), routes, config.feed().maxFrameBytes()),
            new DeploymentOptions().setInstances(instances)))
        .compose(id -> vertx.deployVerticle(new ChangeListenerVerticle(config.database().listenerUrl().orElseThrow(),
            config.database().deadlineMillis(), invalidations, listener)))
        .onSuccess(id -> gateway.migrate(migrations, 0))
        .onSuccess(id -> reads.start())
        .map(id -> gateway);
  }

  /** How many router and message verticles run: {@code verticles.instances}, else one a core. */
  static int instances(GatewayConfig config) {
    return config.instances() > 0 ? config.instances() : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The Vert.x options for this configuration: one event loop per verticle instance (not Vert.x's
   * default of two a core), so that each router shares its event loop with a message verticle and
   * a request's bus hop stays on its thread ({@code bus/LocalReaders}).
   */
  public static VertxOptions vertxOptions(GatewayConfig config) {
    return new VertxOptions().setEventLoopPoolSize(instances(config));
  }

  /** Retried with a back-off and a hint for the operator until it works or the gateway stops. */
  private void migrate(Migrations migrations, int failures) {
    migrations.apply(pool).onComplete(ar -> {
      if (ar.succeeded()) {
        log.info("Schema ready ({} migration(s) applied)", ar.result());
        lifecycle.markMigrated();
        migrated.tryComplete();
      } else if (!lifecycle.isDraining()) {
        Throwable cause = ar.cause();
        long delay = DatabaseHints.backoff(cause).delayMillis(failures + 1);
        log.warn("Database not ready ({}){}; retrying in {} ms", cause.toString(),
            DatabaseHints.hint(cause).map(hint -> ": " + hint).orElse(""), delay);
        vertx.setTimer(delay, t -> migrate(migrations, failures + 1));
      }
    });
  }

  /**
   * Whether the change listener listens now. It drops every cache when it starts listening (what
   * was cached before may have missed a notification), so a caller that wants warm caches to stay
   * warm waits for this first.
   */
  public boolean listening() {
    ListenerStats stats = listener;
    return stats != null && stats.listening();
  }

  /** Completes once the schema is in place (the database answered at least once). */
  public Future<Void> migrated() {
    return migrated.future();
  }

  /**
   * Graceful stop: readiness turns 503, new history requests get 503 with {@code Connection:
   * close}, requests in flight finish; then Vert.x closes, at the latest after the grace period.
   */
  public Future<Void> shutdown(long graceMillis) {
    lifecycle.startDraining();
    Feed open = feed;
    if (open != null) {
      open.closeAll();
    }
    Promise<Void> drained = Promise.promise();
    long deadline = System.nanoTime() + graceMillis * 1_000_000;
    vertx.setPeriodic(20, id -> {
      if (lifecycle.inFlight() == 0 || System.nanoTime() >= deadline) {
        vertx.cancelTimer(id);
        drained.tryComplete();
      }
    });
    return drained.future().compose(v -> {
      stopReads();
      int abandoned = lifecycle.inFlight();
      log.info("Shutdown: drained; {} request(s) still in flight when the grace period ended", abandoned);
      return vertx.close();
    });
  }

  public Future<Void> close() {
    lifecycle.startDraining();
    stopReads();
    return vertx.close();
  }

  private void stopReads() {
    ReadPools r = reads;
    if (r != null) {
      r.stop();
    }
  }
}
