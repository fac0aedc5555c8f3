package io.chatgw.gateway;

import io.chatgw.gateway.admin.AdminApi;
import io.chatgw.gateway.auth.ApiKeys;
import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.auth.SessionTokens;
import io.chatgw.gateway.bus.LocalCodec;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.Dialect;
import io.chatgw.gateway.dialect.Dialects;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.HistoryClient;
import io.chatgw.gateway.http.RouterVerticle;
import io.chatgw.gateway.ops.Health;
import io.chatgw.gateway.ops.Metrics;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.MessageVerticle;
import io.chatgw.gateway.store.Migrations;
import io.chatgw.gateway.store.Pools;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The composition root: the shared pool and credential checks, then the message verticles, then
 * the router verticles, one instance of each per event loop. Used by {@link Main} and the tests.
 */
public final class Gateway {

  private final Vertx vertx;
  private final Pool pool;
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  private Gateway(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Migrations migrations, Metrics metrics) {
    LocalCodec.registerAll(vertx.eventBus());
    Pool pool = Pools.shared(vertx, config.database());
    Gateway gateway = new Gateway(vertx, pool);
    Clock clock = Clock.systemUTC();
    Deadlines deadlines = new Deadlines(config.database().deadlineMillis());
    SessionTokens sessions = new SessionTokens(pool, deadlines, clock, config.auth());
    ApiKeys apiKeys = new ApiKeys(pool, deadlines, config.auth());
    Jwts jwts = Jwts.create(vertx, config.jwt());
    HistoryClient history = new HistoryClient(vertx.eventBus(), config.database().deadlineMillis() + 1000);
    List<Dialect> dialects = Dialects.all();
    StoreContext store = new StoreContext(pool, deadlines, clock, config);
    RouteContext routes = new RouteContext(sessions, apiKeys, jwts, history);

    List<Consumer<Router>> extra = new ArrayList<>();
    extra.add(new Health(pool, deadlines, gateway.shuttingDown::get)::mount);
    extra.add(metrics::mount);
    config.adminToken().ifPresent(token ->
        extra.add(new AdminApi(vertx, pool, token, jwts, sessions, clock)::mount));

    int instances = config.instances() > 0 ? config.instances() : Runtime.getRuntime().availableProcessors();
    return migrations.apply(pool)
        .compose(applied -> vertx.deployVerticle(() -> new MessageVerticle(dialects, store),
            new DeploymentOptions().setInstances(instances)))
        .compose(id -> vertx.deployVerticle(() -> new RouterVerticle(config.http(), dialects, routes, extra),
            new DeploymentOptions().setInstances(instances)))
        .map(id -> gateway);
  }

  public Pool pool() {
    return pool;
  }

  public Future<Void> close() {
    shuttingDown.set(true);
    return vertx.close();
  }
}
