package io.chatgw.gateway.bus;

import io.vertx.core.buffer.Buffer;

/** A rendered answer: the HTTP status and the dialect's JSON body, ready to write. */
public record HistoryReply(int status, Buffer body) {}
