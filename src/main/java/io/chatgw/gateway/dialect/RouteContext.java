package io.chatgw.gateway.dialect;

import io.chatgw.gateway.auth.ApiKeys;
import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.auth.SessionTokens;
import io.chatgw.gateway.http.HistoryClient;

/** What a dialect's router side may use: the credential checks and the event-bus client. */
public record RouteContext(SessionTokens sessions, ApiKeys apiKeys, Jwts jwts, HistoryClient history) {}
