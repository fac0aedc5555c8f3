package io.chatgw.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decodes one query component or path segment strictly: every {@code %} is followed by two
 * ASCII hex digits, the bytes are UTF-8, and there is no NUL (no PostgreSQL text can hold one, so
 * it could only reach the database as an error). Anything else is malformed.
 */
public final class PercentEscapes {

  private PercentEscapes() {}

  /**
   * The decoded text, or null when malformed. {@code plusIsSpace}: a {@code +} is a space (query
   * strings), else a plus (paths).
   */
  public static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && text.indexOf('\0') < 0) {
      return plusIsSpace ? text.replace('+', ' ') : text;
    }
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%') {
        int high = i + 2 < in.length ? hex(in[i + 1]) : -1;
        int low = i + 2 < in.length ? hex(in[i + 2]) : -1;
        if (high < 0 || low < 0) {
          return null;
        }
        b = (byte) (high << 4 | low);
        i += 2;
      } else if (b == '+' && plusIsSpace) {
        b = ' ';
      }
      if (b == 0) {
        return null;
      }
      out.put(b);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(out.flip()).toString();
    } catch (CharacterCodingException malformed) {
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
