package io.chatgw.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code access} logger: method, path with the {@code auth} query
 * value masked (DeadSimpleChat puts its API key there), status, bytes, milliseconds, request id.
 * Headers are never logged, so no other credential can reach a log line. logback's async
 * appender (conf/logback.xml) keeps the writing off the event loop.
 */
final class AccessLog {

  private static final Logger access = LoggerFactory.getLogger("access");
  private static final Pattern AUTH_VALUE = Pattern.compile("(?i)((?:^|[?&])auth=)[^&]*");

  private AccessLog() {}

  static void record(RoutingContext ctx) {
    if (access.isInfoEnabled()) {
      long start = System.nanoTime();
      ctx.addEndHandler(v -> {
        HttpServerRequest request = ctx.request();
        access.info("{} {} {} {} {}ms {}", request.method(), masked(request.uri()), ctx.response().getStatusCode(),
            ctx.response().bytesWritten(), (System.nanoTime() - start) / 1_000_000, RequestIds.of(ctx));
      });
    }
    ctx.next();
  }

  static String masked(String uri) {
    int query = uri.indexOf('?');
    if (query < 0 || uri.toLowerCase(java.util.Locale.ROOT).indexOf("auth=", query) < 0) {
      return uri;
    }
    return uri.substring(0, query) + AUTH_VALUE.matcher(uri.substring(query)).replaceAll("$1***");
  }
}
