package io.chatgw.gateway.http;

import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.bus.Principal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Mounts a {@link HistoryRoute} as a vertx-web chain: admit → credential → validate → dispatch →
 * write. Admission ({@link Admission}) refuses a request with a 503 while the gateway is saturated,
 * before anything costly is done for it.
 * Route code throws a {@code GatewayError} for what it decides at once and fails its Future for what
 * it learns later; each step turns both into {@code ctx.fail}, and the route's one failure handler
 * renders the error in the dialect's format ({@link Responder#fail}: a bug is a logged 500).
 */
public final class HistoryChain {

  private static final String CALL = "gateway.history";

  private final HistoryClient history;
  private final Admission admission;
  private final HistoryTimings timings;

  public HistoryChain(HistoryClient history, Admission admission, HistoryTimings timings) {
    this.history = history;
    this.admission = admission;
    this.timings = timings;
  }

  /** What the steps hand on: who asks, then the request, then the store's answer. One per request. */
  private static final class Call {
    final Principal principal;
    HistoryRequest request;
    HistoryAnswer answer;

    Call(Principal principal) {
      this.principal = principal;
    }
  }

  public Route mount(Router router, HistoryRoute route) {
    Route on = route.regex() ? Routes.getRegex(router, route.path()) : Routes.get(router, route.path());
    return on
        .handler(ctx -> timed(ctx, route.dialect()))
        .handler(admission::admit)
        .handler(step(ctx -> authenticate(ctx, route.credential())))
        .handler(step(ctx -> validate(ctx, route)))
        .handler(step(this::dispatch))
        .handler(step(HistoryChain::write))
        .failureHandler(ctx -> render(ctx, route.errors()));
  }

  /** Times the request to the end of its answer, whatever ends it (written, failed, or the client gone). */
  private void timed(RoutingContext ctx, String dialect) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> timings.answered(dialect, HistoryTimings.statusClass(ctx.response().getStatusCode()),
        System.nanoTime() - start));
    ctx.next();
  }

  /** The one adapter: a step that throws fails the request, like one whose Future fails. */
  private static Handler<RoutingContext> step(Handler<RoutingContext> body) {
    return ctx -> {
      try {
        body.handle(ctx);
      } catch (Throwable e) {
        ctx.fail(e);
      }
    };
  }

  private static void authenticate(RoutingContext ctx, HistoryRoute.Credential credential) {
    then(ctx, credential.authenticate(ctx), principal -> ctx.put(CALL, new Call(principal)));
  }

  private static void validate(RoutingContext ctx, HistoryRoute route) {
    Call call = ctx.get(CALL);
    call.request = new HistoryRequest(route.dialect(), call.principal, route.validation().validate(ctx),
        ifNoneMatch(ctx));
    ctx.next();
  }

  /** Every {@code If-None-Match} the request sent, as one list (RFC 9110 §5.3); null without one. */
  private static String ifNoneMatch(RoutingContext ctx) {
    java.util.List<String> values = ctx.request().headers().getAll(HttpHeaders.IF_NONE_MATCH);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  /** The rate limit, the tenant's share of the pool and the large-page bulkhead apply here ({@link HistoryClient}). */
  private void dispatch(RoutingContext ctx) {
    Call call = ctx.get(CALL);
    then(ctx, history.send(call.request), answer -> call.answer = answer);
  }

  private static void write(RoutingContext ctx) {
    Call call = ctx.get(CALL);
    Responder.history(ctx, call.answer);
  }

  /** On success: {@code keep} the result for the next step, and go on to it; else fail the request. */
  private static <T> void then(RoutingContext ctx, Future<T> future, Consumer<T> keep) {
    future.onComplete(ar -> {
      if (ar.succeeded()) {
        keep.accept(ar.result());
        ctx.next();
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  /**
   * The route's failure handler. A failure without a cause is vertx-web's own status (such as its
   * 400 for a path it cannot decode): the router's error handlers answer it, as before any route.
   */
  private static void render(RoutingContext ctx, ErrorRenderer errors) {
    if (ctx.failure() == null) {
      ctx.next();
      return;
    }
    Responder.fail(ctx, ctx.failure(), errors);
  }
}
