package io.chatgw.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Reads credentials out of requests. A credential header sent more than once counts by its last
 * occurrence, as a repeated query parameter does, so exactly one value decides who is asking.
 */
public final class Credentials {

  private Credentials() {}

  /** The last value of a header, or null when the request does not have it. */
  public static String lastHeader(HttpServerRequest request, CharSequence name) {
    List<String> values = request.headers().getAll(name);
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

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
