package io.chatgw.gateway.dialect.allmine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The {@code chatId} path segment, percent-decoded as UTF-8 by us rather than by the router: the
 * router's own path-parameter decoding fails the request with its generic 400 before the dialect
 * runs (and decodes the query string too), which would break Allmine's error format and check order.
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
    return decode(path.substring(PREFIX.length()));
  }

  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    byte[] in = segment.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '%') {
        out.put(in[i]);
        continue;
      }
      int high = i + 2 < in.length ? hex(in[i + 1]) : -1;
      int low = i + 2 < in.length ? hex(in[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return null;
      }
      out.put((byte) (high << 4 | low));
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(out.flip()).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
  }
}
