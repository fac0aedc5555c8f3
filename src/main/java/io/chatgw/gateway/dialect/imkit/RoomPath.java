package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.http.PercentEscapes;

/**
 * The room id of {@code /rooms/{id}/messages/v3} and of its alias {@code /rooms/{id}/messages}, the
 * path the vendor's web SDK calls. The route is a regex without capturing groups because a
 * {@code :id} route makes Vert.x Web decode the path and the whole query while matching, answering
 * a bad escape with its own 400 instead of the dialect's; here the id is decoded strictly
 * ({@link PercentEscapes}: UTF-8, no NUL, no '+' for space) after the credentials are checked.
 */
final class RoomPath {

  /** Like the plain-path routes, a trailing slash is ignored; {@code /v3} is optional. */
  static final String REGEX = "/rooms/[^/]+/messages(?:/v3)?/?";
  private static final int PREFIX = "/rooms/".length();
  private static final String MESSAGES = "/messages";
  private static final String V3 = "/v3";

  private RoomPath() {}

  /** The decoded room id of a path that matched {@link #REGEX}, or null when it is malformed. */
  static String roomId(String path) {
    int end = path.length() - (path.endsWith("/") ? 1 : 0);
    if (path.startsWith(V3, end - V3.length()) && path.startsWith(MESSAGES, end - V3.length() - MESSAGES.length())) {
      end -= V3.length();
    }
    return PercentEscapes.decode(path.substring(PREFIX, end - MESSAGES.length()), false);
  }
}
