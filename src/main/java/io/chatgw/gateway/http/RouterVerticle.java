package io.chatgw.gateway.http;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.Dialect;
import io.chatgw.gateway.dialect.RouteContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;

/** The HTTP side: one router with every route, served on the configured port. */
public final class RouterVerticle extends VerticleBase {

  private final GatewayConfig.Http http;
  private final List<Dialect> dialects;
  private final RouteContext routeContext;
  private final List<Consumer<Router>> extraRoutes;

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
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::assign);
    extraRoutes.forEach(mount -> mount.accept(router));
    dialects.forEach(dialect -> dialect.mount(router, routeContext));
    Routes.fallbacks(router);
    HttpServerOptions options = new HttpServerOptions()
        .setPort(http.port())
        .setHost("0.0.0.0")
        .setMaxInitialLineLength(http.maxInitialLineLength())
        .setMaxHeaderSize(http.maxHeaderSize())
        .setIdleTimeout(http.idleTimeoutSeconds())
        .setTcpNoDelay(true);
    Handler<io.vertx.core.http.HttpServerRequest> handler = router;
    return vertx.createHttpServer(options).requestHandler(handler).listen();
  }
}
