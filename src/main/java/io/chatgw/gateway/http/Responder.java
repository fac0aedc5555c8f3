package io.chatgw.gateway.http;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.dialect.ErrorRenderer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a dialect's answer, or its error, as the HTTP response. The one place that does. */
public final class Responder {

  private static final Logger log = LoggerFactory.getLogger(Responder.class);
  public static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private Responder() {}

  public static void respond(RoutingContext ctx, Future<HistoryAnswer> answer, ErrorRenderer errors) {
    answer.onComplete(ar -> {
      if (ar.succeeded()) {
        HistoryReply reply = ar.result().reply();
        write(ctx, reply.status(), reply.body(), ar.result().headers());
      } else {
        fail(ctx, ar.cause(), errors);
      }
    });
  }

  public static void fail(RoutingContext ctx, Throwable cause, ErrorRenderer errors) {
    if (cause instanceof GatewayError error) {
      write(ctx, error.status(), errors.render(error.status(), error.details()), error.headers());
      return;
    }
    log.error("Request {} failed unexpectedly", RequestIds.of(ctx), cause);
    write(ctx, 500, errors.render(500, List.of()));
  }

  public static void write(RoutingContext ctx, int status, Buffer body) {
    write(ctx, status, body, ResponseHeaders.NONE);
  }

  public static void write(RoutingContext ctx, int status, Buffer body, ResponseHeaders extra) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    MultiMap headers = response.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, JSON);
    headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
    extra.writeTo(headers);
    response.setStatusCode(status).end(body);
  }
}
