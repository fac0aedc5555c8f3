package io.chatgw.gateway.dialect;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.http.HistoryRoute;
import io.vertx.ext.web.Router;

/**
 * One vendor history API. The router verticle calls {@link #mount} (route, authentication,
 * validation, in the vendor's check order); the message verticle calls its {@link #reader}
 * (query and render). A new dialect is one package with a {@link NamedDialect}, listed in
 * {@link Dialects}.
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

  /** Transitional: a dialect not yet converted to {@link #route} mounts itself. */
  default void mount(Router router, RouteContext context) {}

  /** The dialect's history route (credential and validation steps, error format); null while it mounts itself. */
  default HistoryRoute route(RouteContext context) {
    return null;
  }

  /** Answers validated requests; fails with a {@code GatewayError} for 403/404-style outcomes. */
  HistoryReader reader(StoreContext store);
}
