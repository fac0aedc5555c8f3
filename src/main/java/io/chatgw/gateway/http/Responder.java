package io.chatgw.gateway.http;

import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.chatgw.gateway.bus.HistoryReply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a dialect's answer, or its error, as the HTTP response. The one place that does. */
public final class Responder {

  private static final Logger log = LoggerFactory.getLogger(Responder.class);
  public static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");
  private static final int NOT_MODIFIED = 304;
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private Responder() {}

  /**
   * A history answer, if it fits the {@link ResponseBudget} until its socket has taken it; else the
   * request fails with 503 and {@code Retry-After: 1}, for the route's failure handler to render.
   */
  static void history(RoutingContext ctx, HistoryAnswer answer) {
    if (!ResponseBudget.tryTake(answer.reply().body().length())) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      ctx.fail(GatewayError.unavailable());
      return;
    }
    writeTaken(ctx, answer);
  }

  /** Writes an answer whose bytes the budget has given. */
  private static void writeTaken(RoutingContext ctx, HistoryAnswer answer) {
    HistoryReply reply = answer.reply();
    int bytes = reply.body().length();
    // given back once the socket has taken the bytes (or the connection is gone)
    if (!ctx.response().headWritten()) {
      reply.headers().writeTo(ctx.response().headers());
    }
    write(ctx, reply.status(), reply.body(), answer.headers()).onComplete(ar -> ResponseBudget.giveBack(bytes));
  }

  /** The error {@link Failures#of} makes of {@code cause}, in the dialect's format; a bug is logged. */
  public static void fail(RoutingContext ctx, Throwable cause, ErrorRenderer errors) {
    GatewayError error = Failures.of(cause);
    if (error != cause) {
      log.error("Request {} failed unexpectedly", RequestIds.of(ctx), cause);
    }
    write(ctx, error.status(), errors.render(error.status(), error.details()), error.headers());
  }

  public static Future<Void> write(RoutingContext ctx, int status, Buffer body) {
    return write(ctx, status, body, ResponseHeaders.NONE);
  }

  public static Future<Void> write(RoutingContext ctx, int status, Buffer body, ResponseHeaders extra) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    MultiMap headers = response.headers();
    if (status != NOT_MODIFIED) {
      headers.set(HttpHeaders.CONTENT_TYPE, JSON);
    }
    headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
    extra.writeTo(headers);
    return response.setStatusCode(status).end(body);
  }
}
