package io.chatgw.gateway.http;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.bus.LocalReaders;
import io.chatgw.gateway.bus.BusFailure;
import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.bus.PageSize;
import io.chatgw.gateway.store.Bulkhead;
import io.vertx.core.Vertx;
import io.chatgw.gateway.limits.RateLimits;
import io.chatgw.gateway.limits.TenantShare;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
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
  private final DeliveryOptions options;
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
  public HistoryClient(Vertx vertx, long sendTimeoutMillis, BooleanSupplier draining, RateLimits rateLimits,
      TenantShare share, Bulkhead largePages, int largePageRows, LocalReaders local) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.largePages = largePages;
    this.largePageRows = largePageRows;
    this.options = new DeliveryOptions().setSendTimeout(sendTimeoutMillis).setLocalOnly(true);
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
   */
  public Future<HistoryAnswer> send(HistoryRequest request) {
    if (draining.getAsBoolean()) {
      refusedWhileDraining.increment();
      return Future.failedFuture(GatewayError.unavailable());
    }
    String tenant = request.principal().tenantId();
    return rateLimits.take(tenant).compose(headers -> share.run(tenant, () -> sized(request))
        .map(reply -> new HistoryAnswer(reply, headers)));
  }

  /** A large page passes the large-page bulkhead first. */
  private Future<HistoryReply> sized(HistoryRequest request) {
    if (request.params() instanceof PageSize page && page.limit() > largePageRows) {
      return largePages.run(vertx, () -> ask(request));
    }
    return ask(request);
  }

  private Future<HistoryReply> ask(HistoryRequest request) {
    return bus.<HistoryReply>request(local.forThisThread(), request, options)
        .transform(ar -> ar.succeeded()
            ? Future.succeededFuture(ar.result().body())
            : Future.failedFuture(BusFailure.decode(ar.cause())));
  }
}
