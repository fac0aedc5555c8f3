package io.chatgw.gateway.http;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.Dialect;
import io.chatgw.gateway.dialect.RouteContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;

/** The HTTP side: one router with every route, served on the configured port. */
public final class RouterVerticle extends VerticleBase {

  /** Vert.x's own last drain, after the gateway's drain (see Gateway#shutdown) is over. */
  private static final long STOP_GRACE_SECONDS = 2;

  private final GatewayConfig.Http http;
  private final List<Dialect> dialects;
  private final RouteContext routeContext;
  private final List<Consumer<Router>> extraRoutes;
  private HttpServer server;
  private long sweeper = -1;

  /**
   * @param extraRoutes operator and admin routes (health, metrics, admin), mounted before the dialects
   */
  public RouterVerticle(GatewayConfig.Http http, List<Dialect> dialects, RouteContext routeContext,
      List<Consumer<Router>> extraRoutes) {
    this.http = http;
    this.dialects = dialects;
    this.routeContext = routeContext;
    this.extraRoutes = extraRoutes;
  }

  @Override
  public Future<?> start() {
    SlowClients slowClients = new SlowClients(TimeUnit.SECONDS.toNanos(http.idleTimeoutSeconds()));
    Router router = Router.router(vertx);
    router.route().order(-2).handler(slowClients::requestArrived);
    router.route().handler(RequestIds::assign);
    router.route().handler(AccessLog::record);
    extraRoutes.forEach(mount -> mount.accept(router));
    dialects.forEach(dialect -> dialect.mount(router, routeContext));
    Routes.fallbacks(router, dialects);
    HttpServerOptions options = new HttpServerOptions()
        .setPort(http.port())
        .setHost(http.host())
        .setHttp2ClearTextEnabled(http.h2c())
        .setMaxInitialLineLength(http.maxInitialLineLength())
        .setMaxHeaderSize(http.maxHeaderSize())
        .setIdleTimeout(http.idleTimeoutSeconds())
        .setTcpNoDelay(true);
    Handler<io.vertx.core.http.HttpServerRequest> handler = router;
    server = vertx.createHttpServer(options).requestHandler(handler).connectionHandler(connection -> {
      AmbiguousFraming.install(connection, options);
      slowClients.opened(connection);
    });
    sweeper = vertx.setPeriodic(1000, id -> slowClients.sweep());
    return server.listen();
  }

  /** Stops accepting connections and lets the requests still in flight finish (bounded). */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweeper);
    return server == null ? Future.succeededFuture() : server.shutdown(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
