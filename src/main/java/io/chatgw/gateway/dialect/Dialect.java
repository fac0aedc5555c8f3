package io.chatgw.gateway.dialect;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.http.HistoryRoute;

/**
 * One vendor history API. Its {@link #route} is mounted as a chain (credential → validate →
 * dispatch → write, see {@code HistoryChain}) on every router; the message verticle calls its
 * {@link #reader} (query and render). A new dialect is one package with a {@link NamedDialect}, listed in
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

  /** The router side: the path, the credential and validation steps, in the vendor's check order. */
  HistoryRoute route(CredentialChecks credentials);

  /** Answers validated requests; fails with a {@code GatewayError} for 403/404-style outcomes. */
  HistoryReader reader(StoreContext store);
}
