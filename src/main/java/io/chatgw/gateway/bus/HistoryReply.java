package io.chatgw.gateway.bus;

import io.chatgw.gateway.failure.ResponseHeaders;
import io.vertx.core.buffer.Buffer;

/**
 * A rendered answer: the HTTP status, the dialect's JSON body, ready to write, and the headers
 * that belong to this answer ({@code Link}, {@code ETag}).
 */
public record HistoryReply(int status, Buffer body, ResponseHeaders headers) {

  public HistoryReply(int status, Buffer body) {
    this(status, body, ResponseHeaders.NONE);
  }
}
