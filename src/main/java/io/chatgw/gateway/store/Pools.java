package io.chatgw.gateway.store;

import io.chatgw.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds the one shared, bounded PostgreSQL pool that every verticle instance uses. */
public final class Pools {

  public static final String APPLICATION_NAME = "chat-history-gateway";
  private static final String SHARED_NAME = "gateway-db";

  /**
   * Session settings of the gateway's connections that shape its plans. The planner guesses the
   * size of "the room from the join" as the average room; when that guess is below the page it
   * prefers reading the whole room and sorting it, which on a large room reads every row. The
   * gateway's queries are written so that an ordered index scan serves every ORDER BY, so
   * sorting is priced out (a sort with no alternative, of a page already cut to size, still
   * runs). The plan tests apply the same settings.
   */
  public static final Map<String, String> PLAN_SETTINGS = Map.of("enable_sort", "off");

  private Pools() {}

  public static Pool shared(Vertx vertx, GatewayConfig.Database db) {
    String url = db.url().orElseThrow(() -> new IllegalStateException("no database url"));
    PgConnectOptions connect = PgConnectOptions.fromUri(url)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(256)
        .setPipeliningLimit(256)
        .setReconnectAttempts(0);
    connect.addProperty("application_name", APPLICATION_NAME);
    PLAN_SETTINGS.forEach(connect::addProperty);
    // the server-side backstop behind the gateway's own per-call deadline
    connect.addProperty("statement_timeout", String.valueOf(db.deadlineMillis() * 2));
    PoolOptions options = new PoolOptions()
        .setShared(true)
        .setName(SHARED_NAME)
        .setMaxSize(db.poolSize())
        .setMaxWaitQueueSize(db.maxWaitQueueSize())
        .setConnectionTimeout((int) db.deadlineMillis())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    return PgBuilder.pool().with(options).connectingTo(connect).using(vertx).build();
  }
}
