package io.chatgw.gateway.http;

import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.Handler;
import java.util.List;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Registers a path for one method, and a catch-all for the same path that answers {@code 405}
 * with {@code Allow}; unknown paths answer {@code 404 {"error":"not found"}}. A GET route answers
 * HEAD too, through the same handlers: Vert.x leaves the body out of a HEAD response.
 */
public final class Routes {

  private static final Buffer NOT_FOUND = JsonBuffers.object("error", "not found");
  private static final Buffer METHOD_NOT_ALLOWED = JsonBuffers.object("error", "method not allowed");
  private static final String GET_AND_HEAD = "GET, HEAD";

  private Routes() {}

  /** GET and HEAD on {@code path}. */
  @SafeVarargs
  public static Route get(Router router, String path, Handler<RoutingContext>... handlers) {
    return on(router, router.route(HttpMethod.GET, path).method(HttpMethod.HEAD), path, GET_AND_HEAD, handlers);
  }

  @SafeVarargs
  public static Route post(Router router, String path, Handler<RoutingContext>... handlers) {
    return on(router, router.route(HttpMethod.POST, path), path, HttpMethod.POST.name(), handlers);
  }

  private static Route on(Router router, Route route, String path, String allow, Handler<RoutingContext>[] handlers) {
    for (Handler<RoutingContext> handler : handlers) {
      route.handler(handler);
    }
    router.route(path).handler(ctx -> answerMethodNotAllowed(ctx, allow));
    return route;
  }

  /** After the real routes of {@code path}: any other method answers 405 with {@code Allow}. */
  public static void methodNotAllowed(Router router, String path, HttpMethod allowed) {
    router.route(path).handler(ctx -> answerMethodNotAllowed(ctx, allowed.name()));
  }

  /**
   * GET and HEAD on a path regex, and 405 with {@code Allow} for any other method on it. A regex rather than
   * a {@code :param} path: while matching path parameters vertx-web decodes the whole query string
   * and answers a malformed escape with its own plain 400, ahead of the dialect's own checks.
   */
  @SafeVarargs
  public static Route getRegex(Router router, String regex, Handler<RoutingContext>... handlers) {
    Route route = router.routeWithRegex(HttpMethod.GET, regex).method(HttpMethod.HEAD);
    for (Handler<RoutingContext> handler : handlers) {
      route.handler(handler);
    }
    router.routeWithRegex(regex).handler(ctx -> answerMethodNotAllowed(ctx, GET_AND_HEAD));
    return route;
  }

  private static void answerMethodNotAllowed(RoutingContext ctx, String allowed) {
    ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
    Responder.write(ctx, 405, METHOD_NOT_ALLOWED);
  }

  /**
   * The router-wide answers for requests that match no route. A path vertx-web cannot decode is a
   * 400 in the format of the dialect whose path it starts like.
   */
  public static void fallbacks(Router router, List<PathErrors> pathErrors) {
    router.errorHandler(400, ctx -> {
      String path = ctx.request().path();
      for (PathErrors candidate : pathErrors) {
        if (path != null && path.startsWith(candidate.pathPrefix())) {
          Responder.write(ctx, 400, candidate.errors().render(400, List.of("malformed percent-escape in the path")));
          return;
        }
      }
      Responder.write(ctx, 400, JsonBuffers.object("error", "bad request"));
    });
    router.errorHandler(404, ctx -> Responder.write(ctx, 404, NOT_FOUND));
    router.errorHandler(405, ctx -> Responder.write(ctx, 405, METHOD_NOT_ALLOWED));
    router.errorHandler(413, ctx -> Responder.write(ctx, 413, JsonBuffers.object("error", "payload too large")));
    router.errorHandler(415, ctx -> Responder.write(ctx, 415, JsonBuffers.object("error", "unsupported media type")));
    router.errorHandler(500, ctx -> Responder.write(ctx, 500, JsonBuffers.object("error", "internal error")));
  }
}
