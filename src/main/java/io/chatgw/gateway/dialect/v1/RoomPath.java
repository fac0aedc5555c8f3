package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.http.PercentEscapes;

/**
 * The room id of {@code /v1/rooms/{roomId}/messages}: a regex route without router parameters
 * (the router would decode the path and the whole query while matching, answering a bad escape with
 * its own 400), the id decoded strictly ({@link PercentEscapes}) after the credential is checked.
 */
final class RoomPath {

  static final String PREFIX = "/v1/rooms/";
  static final String REGEX = "/v1/rooms/[^/]+/messages/?";
  private static final String MESSAGES = "/messages";

  private RoomPath() {}

  /** The decoded room id of a path that matched {@link #REGEX}, or null when it is malformed. */
  static String roomId(String path) {
    int end = path.length() - (path.endsWith("/") ? 1 : 0) - MESSAGES.length();
    return PercentEscapes.decode(path.substring(PREFIX.length(), end), false);
  }
}
