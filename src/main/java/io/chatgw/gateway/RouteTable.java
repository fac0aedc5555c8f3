package io.chatgw.gateway;

import io.chatgw.gateway.admin.AdminApi;
import io.chatgw.gateway.feed.Feed;
import io.chatgw.gateway.http.AccessLog;
import io.chatgw.gateway.http.Cors;
import io.chatgw.gateway.http.HistoryChain;
import io.chatgw.gateway.http.HistoryRoute;
import io.chatgw.gateway.http.PathErrors;
import io.chatgw.gateway.http.RequestIds;
import io.chatgw.gateway.http.RouterSetup;
import io.chatgw.gateway.http.Routes;
import io.chatgw.gateway.ops.Health;
import io.chatgw.gateway.ops.Lifecycle;
import io.chatgw.gateway.ops.Metrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Every route of the gateway, in the order the router tries them: the chain every request passes,
 * the operator and admin routes, the history route of each dialect ({@code dialect/Dialects}), and
 * the answers for requests no route takes. A GET route answers HEAD too; a known path with another
 * method is 405 ({@link Routes}).
 */
final class RouteTable implements RouterSetup {

  private final Lifecycle lifecycle;
  private final Health health;
  private final Metrics metrics;
  private final AdminApi admin;
  private final HistoryChain chain;
  private final Cors cors;
  private final boolean accessLog;
  private final List<HistoryRoute> history;
  private final List<PathErrors> pathErrors;
  private final Feed feed;

  /** @param admin null when no admin token is configured: its paths are then plain 404s */
  RouteTable(Lifecycle lifecycle, Health health, Metrics metrics, AdminApi admin, HistoryChain chain,
      Cors cors, boolean accessLog, List<HistoryRoute> history, List<PathErrors> pathErrors, Feed feed) {
    this.lifecycle = lifecycle;
    this.health = health;
    this.metrics = metrics;
    this.admin = admin;
    this.chain = chain;
    this.cors = cors;
    this.accessLog = accessLog;
    this.history = List.copyOf(history);
    this.pathErrors = List.copyOf(pathErrors);
    this.feed = feed;
  }

  @Override
  public void mount(Router router, Handler<RoutingContext> requestArrived) {
    // every request, in this order
    router.route().handler(requestArrived);    // the slow-client clock stops: the request is here whole
    router.route().handler(lifecycle::track);  // counted in flight; Connection: close while draining
    router.route().handler(RequestIds::assign);
    if (accessLog) {
      router.route().handler(AccessLog::record);
    }

    // operators
    Routes.get(router, "/health/live", Health::live);
    Routes.get(router, "/health/ready", health::ready);
    Routes.get(router, "/metrics", metrics.scraping());

    // admin: the token guard on every /admin/* path, then each route
    if (admin != null) {
      router.route("/admin/*").handler(admin::checkAdminToken);
      router.post(AdminApi.IMPORT).consumes(AdminApi.JSON).handler(admin::importDocument);
      router.post(AdminApi.IMPORT).consumes(AdminApi.NDJSON).handler(admin::importNdjson);
      router.post(AdminApi.IMPORT).handler(AdminApi::unsupportedImport);
      Routes.methodNotAllowed(router, AdminApi.IMPORT, HttpMethod.POST);
      Routes.post(router, "/admin/v1/tenants/:tenant/tokens", AdminApi.smallBody(), admin::mintTokens);
      Routes.post(router, "/admin/v1/tenants/:tenant/keys", AdminApi.smallBody(), admin::mintApiKey);
    }

    // history, one route per dialect: GET path → credential → validate → dispatch → write; on failure
    // the dialect's one renderer (the paths: README "Dialects served"); CORS first, when configured
    for (HistoryRoute route : history) {
      cors.mount(router, route);
      chain.mount(router, route);
    }

    // the live feed (docs/feed.md): Server-Sent Events and WebSocket
    cors.mountEvents(router, Feed.EVENTS);
    router.get(Feed.EVENTS).handler(feed::events);
    Routes.methodNotAllowed(router, Feed.EVENTS, HttpMethod.GET);
    router.get(Feed.SOCKET).handler(feed::socket);
    Routes.methodNotAllowed(router, Feed.SOCKET, HttpMethod.GET);

    // no route: 404, a path vertx-web cannot decode 400 in the format of the dialect it starts like
    Routes.fallbacks(router, pathErrors);
  }
}
