package io.chatgw.gateway.dialect;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * One vendor history API. The router verticle calls {@link #mount} (route, authentication,
 * validation, in the vendor's check order); the message verticle calls {@link #read} (query and
 * render). A new dialect is one package with a {@link NamedDialect}, listed in {@link Dialects}.
 */
public interface Dialect {

  /** The name requests carry over the event bus. */
  String name();

  ErrorRenderer errors();

  /**
   * The start of the dialect's path, so that a request whose path cannot even be decoded
   * (a malformed percent-escape) is still answered in the dialect's error format.
   */
  String pathPrefix();

  /** The status this dialect gives to unparseable input (its validation error). */
  default int badInputStatus() {
    return 400;
  }

  void mount(Router router, RouteContext context);

  /** Answers a validated request; fails with a {@code GatewayError} for 403/404-style outcomes. */
  Future<HistoryReply> read(HistoryRequest request, StoreContext store);
}
