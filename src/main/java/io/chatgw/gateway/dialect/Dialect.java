package io.chatgw.gateway.dialect;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * One vendor history API. The router verticle calls {@link #mount} (route, authentication,
 * validation, in the vendor's check order); the message verticle calls {@link #read} (query and
 * render). A new dialect is one package implementing this, listed in {@link Dialects}.
 */
public interface Dialect {

  /** The name requests carry over the event bus. */
  String name();

  ErrorRenderer errors();

  void mount(Router router, RouteContext context);

  /** Answers a validated request; fails with a {@code GatewayError} for 403/404-style outcomes. */
  Future<HistoryReply> read(HistoryRequest request, StoreContext store);
}
