package io.chatgw.gateway.failure;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Headers an answer or an error carries beyond the ones every answer has: the rate-limit fields
 * and {@code Retry-After}. Immutable; {@link #NONE} costs nothing on the common path.
 */
public final class ResponseHeaders {

  public static final ResponseHeaders NONE = new ResponseHeaders(List.of());

  private record Header(CharSequence name, CharSequence value) {}

  private final List<Header> headers;

  private ResponseHeaders(List<Header> headers) {
    this.headers = headers;
  }

  public static ResponseHeaders of(CharSequence name, CharSequence value) {
    return NONE.and(name, value);
  }

  /** These headers and one more. */
  public ResponseHeaders and(CharSequence name, CharSequence value) {
    List<Header> more = new ArrayList<>(headers.size() + 1);
    more.addAll(headers);
    more.add(new Header(name, value));
    return new ResponseHeaders(List.copyOf(more));
  }

  /** The value of {@code name} (case-insensitive), or null. */
  public String get(String name) {
    for (Header header : headers) {
      if (header.name().toString().equalsIgnoreCase(name)) {
        return header.value().toString();
      }
    }
    return null;
  }

  public void writeTo(MultiMap target) {
    for (Header header : headers) {
      target.set(header.name(), header.value());
    }
  }
}
