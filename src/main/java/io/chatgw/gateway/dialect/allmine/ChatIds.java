package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.http.PercentEscapes;

/**
 * The {@code chatId} path segment, percent-decoded strictly by us ({@link PercentEscapes}) rather
 * than by the router: the router's own path-parameter decoding fails the request with its generic
 * 400 before the dialect runs (and decodes the query string too), which would break Allmine's
 * error format and check order.
 */
final class ChatIds {

  static final String PREFIX = "/api/v1/messages/chat/";
  /** One non-empty path segment after the prefix: no router parameters, no router decoding. */
  static final String PATH_REGEX = "/api/v1/messages/chat/[^/]+";

  private ChatIds() {}

  /** The decoded chat id of a path matched by {@link #PATH_REGEX}; null when it cannot name a chat. */
  static String of(String path) {
    if (path == null || !path.startsWith(PREFIX)) {
      return null;
    }
    return PercentEscapes.decode(path.substring(PREFIX.length()), false);
  }
}
