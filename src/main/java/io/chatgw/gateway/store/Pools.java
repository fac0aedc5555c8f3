package io.chatgw.gateway.store;

import io.chatgw.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the shared, bounded PostgreSQL pools that every verticle instance uses: the primary's
 * (transactions, the directory's lookups and the history reads; {@code TenantLanes} pipelines a
 * tenant's reads on the connections it leases from it) and each read replica's.
 */
public final class Pools {

  public static final String APPLICATION_NAME = "chat-history-gateway";
  private static final String SHARED_NAME = "gateway-db";
  static final int MAX_CACHED_SQL_LENGTH = 16 * 1024;

  /**
   * Session settings of the gateway's connections that shape its plans; the plan tests apply the
   * same (and then each plan_cache_mode in turn).
   *
   * <ul>
   *   <li>{@code plan_cache_mode = force_generic_plan}: every prepared statement is planned once per
   *       connection. Left on {@code auto}, the statements whose generic plan looks dearer than a
   *       custom one (a {@code LIMIT $n} is guessed at a tenth of the table) were re-planned on every
   *       call, and planning cost 0.7-1 ms, more than running them (docs/performance.md).
   *   <li>{@code random_page_cost = 1.1}: the working set is in memory; at the default 4 the planner
   *       preferred hashing all 10,000 users over 50 index lookups.
   *   <li>{@code jit = off}: no query here runs long enough to repay compiling it.
   * </ul>
   *
   * A session-wide enable_sort = off was tried and made IMKit's outer query 40x slower; plans that
   * must not sort a room are pinned inside SQL functions instead (V002, V003).
   */
  public static final Map<String, String> PLAN_SETTINGS = Map.of(
      "plan_cache_mode", "force_generic_plan",
      "random_page_cost", "1.1",
      "jit", "off");

  private Pools() {}

  public static Pool shared(Vertx vertx, GatewayConfig.Database db) {
    return pool(vertx, db, db.url().orElseThrow(() -> new IllegalStateException("no database url")), SHARED_NAME);
  }

  /**
   * The pool of the {@code index}-th read replica ({@code database.replicas.urls}): the same size,
   * settings and deadlines as the primary's.
   */
  public static Pool replica(Vertx vertx, GatewayConfig.Database db, int index) {
    return pool(vertx, db, db.replicas().urls().get(index), SHARED_NAME + "-replica-" + index);
  }

  private static Pool pool(Vertx vertx, GatewayConfig.Database db, String url, String name) {
    return PgBuilder.pool().with(poolOptions(db, name)).connectingTo(connectOptions(db, url).setPipeliningLimit(256))
        .using(vertx).build();
  }

  private static PgConnectOptions connectOptions(GatewayConfig.Database db, String url) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(256)
        // the default (2048 characters) left the longer reads (Allmine, IMKit) out of the cache:
        // they were parsed and planned on every call
        .setPreparedStatementCacheSqlLimit(MAX_CACHED_SQL_LENGTH)
        .setReconnectAttempts(0);
    connect.addProperty("application_name", APPLICATION_NAME);
    PLAN_SETTINGS.forEach(connect::addProperty);
    // the server-side backstop behind the gateway's own per-call deadline
    connect.addProperty("statement_timeout", String.valueOf(db.deadlineMillis() * 2));
    return connect;
  }

  private static PoolOptions poolOptions(GatewayConfig.Database db, String name) {
    return new PoolOptions()
        .setShared(true)
        .setName(name)
        .setMaxSize(db.poolSize())
        .setMaxWaitQueueSize(db.maxWaitQueueSize())
        .setConnectionTimeout((int) db.deadlineMillis())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
