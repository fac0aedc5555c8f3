package io.chatgw.gateway.feed;

import io.chatgw.gateway.failure.GatewayError;

/**
 * A feed event's id: the store-wide change position of the change it carries, written {@code c}
 * and the position in base 36 (URL-safe, opaque to clients). Resuming after a cursor means every
 * change with a higher position, on any instance, because positions are the store's.
 */
public final class FeedCursor {

  static final String PREFIX = "c";
  /** {@code c} and Long.MAX_VALUE in base 36 (13 digits). */
  private static final int MAX_LENGTH = 14;

  private FeedCursor() {}

  public static String of(long position) {
    return PREFIX + Long.toString(position, 36);
  }

  /** The position a cursor names; 400 {@code invalid_parameter} for anything {@link #of} does not write. */
  public static long parse(String cursor) {
    if (cursor == null || cursor.length() < 2 || cursor.length() > MAX_LENGTH || !cursor.startsWith(PREFIX)) {
      throw invalid();
    }
    for (int i = 1; i < cursor.length(); i++) {
      char c = cursor.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z')) {
        throw invalid();
      }
    }
    try {
      long position = Long.parseLong(cursor.substring(1), 36);
      if (!of(position).equals(cursor)) { // leading zeros: one position, one cursor
        throw invalid();
      }
      return position;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static GatewayError invalid() {
    return GatewayError.of(400, "not a cursor of this feed");
  }
}
