package io.chatgw.gateway.http;

/** Reads credentials out of header values. */
public final class Credentials {

  private Credentials() {}

  /** The header value without an optional {@code Bearer } prefix, trimmed; null when blank. */
  public static String bearerOptional(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      value = value.substring(7).trim();
    } else if (value.equalsIgnoreCase("Bearer")) {
      return null; // "Bearer " whose trailing space the HTTP parser trimmed
    }
    return value.isEmpty() ? null : value;
  }
}
