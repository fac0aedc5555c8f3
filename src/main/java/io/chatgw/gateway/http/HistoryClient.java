package io.chatgw.gateway.http;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.bus.LocalReaders;
import io.chatgw.gateway.bus.BusFailure;
import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.bus.PageSize;
import io.chatgw.gateway.store.Bulkhead;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Vertx;
import io.chatgw.gateway.limits.RateLimits;
import io.chatgw.gateway.limits.TenantShare;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Sends history requests to the message verticle; its failures come back as {@code BusFailure} decodes them. Every
 * history request of every route passes here once its caller is authenticated, so this is where
 * a tenant's rate limit and its share of the database pool are applied.
 */
public final class HistoryClient {

  private final Vertx vertx;
  private final EventBus bus;
  private final Bulkhead largePages;
  private final int largePageRows;
  private final long deadlineNanos;
  private final Deadlines deadlines;
  private final BooleanSupplier draining;
  private final LongAdder refusedWhileDraining = new LongAdder();
  private final RateLimits rateLimits;
  private final TenantShare share;
  private final LocalReaders local;

  /**
   * @param local the message verticle on the sender's own event loop, when there is one
   * @param largePages the bulkhead that requests for more than {@code largePageRows} messages pass,
   *     so that only so many of the largest pages are read and rendered at once
   */
  public HistoryClient(Vertx vertx, Deadlines deadlines, long deadlineMillis, BooleanSupplier draining,
      RateLimits rateLimits, TenantShare share, Bulkhead largePages, int largePageRows, LocalReaders local) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.largePages = largePages;
    this.largePageRows = largePageRows;
    this.deadlines = deadlines;
    this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    this.draining = draining;
    this.rateLimits = rateLimits;
    this.share = share;
    this.local = local;
  }

  /** History requests refused with a 503 because the gateway was draining for shutdown. */
  public long refusedWhileDraining() {
    return refusedWhileDraining.sum();
  }

  /**
   * The rendered answer, with the tenant's rate-limit fields when it has a limit. A 503 at once
   * while the gateway drains for shutdown; a 429 over the tenant's rate limit; a 503 when the
   * tenant's share of the pool is taken and its queue full, or it waited past the deadline.
   *
   * <p>One deadline, the database's, counted from the request's arrival ({@code arrivedNanos},
   * {@link System#nanoTime}), covers everything after it: the credential lookup, the wait for the
   * tenant's share and for the large-page bulkhead, and the store call. A request that waited
   * 2 s for its share has 1 s left for its query, not another 3 s; one whose time is up is a 503
   * counted as a deadline hit ({@code gateway_database_failures_total{cause="deadline"}}).
   */
  public Future<HistoryAnswer> send(HistoryRequest request, long arrivedNanos) {
    if (draining.getAsBoolean()) {
      refusedWhileDraining.increment();
      return Future.failedFuture(GatewayError.unavailable());
    }
    long deadline = arrivedNanos + deadlineNanos;
    String tenant = request.principal().tenantId();
    return rateLimits.take(tenant).compose(headers -> {
      long left = millisLeft(deadline);
      return left <= 0
          ? deadlines.<HistoryAnswer>ranOut()
          : share.run(tenant, left, () -> sized(request, deadline)).map(reply -> new HistoryAnswer(reply, headers));
    });
  }

  /** Whole milliseconds until {@code deadline}; 0 or less when it has passed. */
  private static long millisLeft(long deadline) {
    return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
  }

  /** A large page passes the large-page bulkhead first. */
  private Future<HistoryReply> sized(HistoryRequest request, long deadline) {
    if (request.params() instanceof PageSize page && page.limit() > largePageRows) {
      return largePages.run(vertx, () -> ask(request, deadline));
    }
    return ask(request, deadline);
  }

  /**
   * The store call, given what is left of the deadline: the bus's reply timeout is the deadline, so
   * the answer is a 503 at the deadline even when the call started late (the call itself keeps its
   * own database deadline, and its connection, until then).
   */
  private Future<HistoryReply> ask(HistoryRequest request, long deadline) {
    long left = millisLeft(deadline);
    if (left <= 0) {
      return deadlines.ranOut();
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(left).setLocalOnly(true);
    return bus.<HistoryReply>request(local.forThisThread(), request, options)
        .transform(ar -> ar.succeeded()
            ? Future.succeededFuture(ar.result().body())
            : ar.cause() instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT
                // the store call goes on to its own deadline, which counts the hit once
                ? Future.failedFuture(GatewayError.unavailable())
                : Future.failedFuture(BusFailure.decode(ar.cause())));
  }
}
