package io.chatgw.gateway.dialect.imkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The room id of {@code /rooms/{id}/messages/v3}. The route is a regex without groups because a
 * {@code :id} route makes Vert.x Web decode the path and the whole query while matching, answering
 * a bad escape with its own 400 instead of the dialect's; here the id is decoded strictly (UTF-8,
 * no '+' for space) after the credentials are checked.
 */
final class RoomPath {

  /** Like the plain-path routes, a trailing slash is ignored. */
  static final String REGEX = "/rooms/[^/]+/messages/v3/?";
  private static final int PREFIX = "/rooms/".length();
  private static final int SUFFIX = "/messages/v3".length();

  private RoomPath() {}

  /** The decoded room id of a path that matched {@link #REGEX}, or null when it is malformed. */
  static String roomId(String path) {
    int end = path.length() - (path.endsWith("/") ? 1 : 0) - SUFFIX;
    String raw = path.substring(PREFIX, end);
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (low < 0 || raw.charAt(i + 1) > 'f' || raw.charAt(i + 2) > 'f') {
          return null; // Character.digit also takes non-ASCII digits, hence the bound
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException malformed) {
      return null;
    }
  }
}
