package io.chatgw.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CORS on the history routes and the live feed's SSE route, for the operator's allowed origins (dialects.md, "Browsers"):
 * vertx-web's {@link CorsHandler} answers a preflight from an allowed origin {@code 204}, allowing
 * GET and the route's credential headers, and puts {@code Access-Control-Allow-Origin} on the
 * answers to it. A request from any other origin passes on untouched: no CORS header, and the
 * route answers as without CORS (a preflight is then the path's 405), where vertx-web alone would
 * fail it with a 403 of its own. With no origins configured nothing is mounted.
 */
public final class Cors {

  /** Headers a browser client may send besides the credentials, and the ones it may read. */
  private static final List<String> REQUEST_HEADERS = List.of(RequestIds.HEADER, "If-None-Match");
  private static final List<String> EXPOSED = List.of(RequestIds.HEADER, "Retry-After", "RateLimit", "RateLimit-Policy",
      "ETag", "Link");
  private static final Set<HttpMethod> METHODS = new LinkedHashSet<>(List.of(HttpMethod.GET, HttpMethod.HEAD));

  private static final CharSequence VARY_ORIGIN = HttpHeaders.createOptimized("Origin");

  private final Set<String> origins;
  private final int maxAgeSeconds;

  public Cors(List<String> origins, int maxAgeSeconds) {
    this.origins = Set.copyOf(origins);
    this.maxAgeSeconds = maxAgeSeconds;
  }

  /** Before the route's own handlers, so that a preflight is answered ahead of its 405. */
  public void mount(Router router, HistoryRoute route) {
    if (!origins.isEmpty()) {
      mount(route.regex() ? router.routeWithRegex(route.path()) : router.route(route.path()), METHODS,
          route.credentialHeaders());
    }
  }

  /**
   * The live feed's Server-Sent Events route ({@code path}), so that an {@code EventSource} on an
   * allowed origin can open it: its credential header and {@code Last-Event-ID}, which a client
   * sends when it resumes. (A WebSocket needs no CORS: browsers do not apply it to the upgrade.)
   */
  public void mountEvents(Router router, String path) {
    if (!origins.isEmpty()) {
      mount(router.route(path), Set.of(HttpMethod.GET), List.of("Authorization", "Last-Event-ID"));
    }
  }

  private void mount(Route at, Set<HttpMethod> methods, List<String> credentialHeaders) {
    Set<String> allowed = new LinkedHashSet<>(credentialHeaders);
    allowed.addAll(REQUEST_HEADERS);
    CorsHandler cors = CorsHandler.create()
        .addOrigins(List.copyOf(origins))
        .allowedMethods(methods)
        .allowedHeaders(allowed)
        .exposedHeaders(new LinkedHashSet<>(EXPOSED))
        .maxAgeSeconds(maxAgeSeconds);
    Handler<RoutingContext> onlyAllowed = ctx -> {
      String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
      if (origin != null && !origins.contains(origin)) {
        ctx.next();
        return;
      }
      // vertx-web writes "Vary: origin" only for some of these answers (not for a preflight, nor
      // with one origin configured): every answer that may vary says "Vary: Origin", once
      ctx.addHeadersEndHandler(v -> varyOnOrigin(ctx.response().headers()));
      cors.handle(ctx);
    };
    at.handler(onlyAllowed);
  }

  private static void varyOnOrigin(MultiMap headers) {
    List<String> vary = new ArrayList<>(List.of(VARY_ORIGIN.toString()));
    for (String value : headers.getAll(HttpHeaders.VARY)) {
      for (String name : value.split(",")) {
        String trimmed = name.trim();
        if (!trimmed.isEmpty() && vary.stream().noneMatch(trimmed::equalsIgnoreCase)) {
          vary.add(trimmed);
        }
      }
    }
    headers.set(HttpHeaders.VARY, String.join(", ", vary));
  }
}
