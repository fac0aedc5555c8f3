package io.chatgw.gateway.http;

import io.chatgw.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import io.vertx.ext.web.Router;

/** The HTTP side: one router with every route, served on the configured port. */
public final class RouterVerticle extends VerticleBase {

  /** Vert.x's own last drain, after the gateway's drain (see Gateway#shutdown) is over. */
  private static final long STOP_GRACE_SECONDS = 2;

  private final GatewayConfig.Http http;
  private final RouterSetup routes;
  private final int maxWebSocketFrameBytes;
  private HttpServer server;
  private long sweeper = -1;

  /** @param routes every route, the chain every request passes included */
  public RouterVerticle(GatewayConfig.Http http, RouterSetup routes) {
    this(http, routes, HttpServerOptions.DEFAULT_MAX_WEBSOCKET_FRAME_SIZE);
  }

  /** @param maxWebSocketFrameBytes the largest WebSocket frame and message a client may send ({@code feed.maxFrameBytes}) */
  public RouterVerticle(GatewayConfig.Http http, RouterSetup routes, int maxWebSocketFrameBytes) {
    this.http = http;
    this.routes = routes;
    this.maxWebSocketFrameBytes = maxWebSocketFrameBytes;
  }

  @Override
  public Future<?> start() {
    SlowClients slowClients = new SlowClients(TimeUnit.SECONDS.toNanos(http.idleTimeoutSeconds()));
    Router router = Router.router(vertx);
    routes.mount(router, slowClients::requestArrived);
    HttpServerOptions options = new HttpServerOptions()
        .setPort(http.port())
        .setHost(http.host())
        .setHttp2ClearTextEnabled(http.h2c())
        .setMaxInitialLineLength(http.maxInitialLineLength())
        .setMaxHeaderSize(http.maxHeaderSize())
        .setIdleTimeout(http.idleTimeoutSeconds())
        .setMaxWebSocketFrameSize(maxWebSocketFrameBytes)
        .setMaxWebSocketMessageSize(maxWebSocketFrameBytes)
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
