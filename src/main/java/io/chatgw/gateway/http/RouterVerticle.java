package io.chatgw.gateway.http;

import io.chatgw.gateway.config.GatewayConfig;
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
  private final List<Consumer<Router>> mounts;
  private final List<PathErrors> pathErrors;
  private HttpServer server;
  private long sweeper = -1;

  /**
   * @param mounts every route after the request id and access log, in order (operator and admin
   *     routes, then the dialects')
   * @param pathErrors the error format of each dialect's paths, for the router's own 400
   */
  public RouterVerticle(GatewayConfig.Http http, List<Consumer<Router>> mounts, List<PathErrors> pathErrors) {
    this.http = http;
    this.mounts = List.copyOf(mounts);
    this.pathErrors = List.copyOf(pathErrors);
  }

  @Override
  public Future<?> start() {
    SlowClients slowClients = new SlowClients(TimeUnit.SECONDS.toNanos(http.idleTimeoutSeconds()));
    Router router = Router.router(vertx);
    router.route().order(-2).handler(slowClients::requestArrived);
    router.route().handler(RequestIds::assign);
    router.route().handler(AccessLog::record);
    mounts.forEach(mount -> mount.accept(router));
    Routes.fallbacks(router, pathErrors);
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
