package io.chatgw.gateway.http;

import io.chatgw.gateway.failure.ResponseHeaders;
import io.chatgw.gateway.bus.HistoryReply;

/** The store's rendered reply, with the headers the router side adds to it (the rate-limit fields). */
public record HistoryAnswer(HistoryReply reply, ResponseHeaders headers) {}
