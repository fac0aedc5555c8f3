package io.chatgw.gateway.http;

/**
 * Parses query-string numbers the way the spec allows them: base-10 ASCII digits only, no sign,
 * no spaces, no fraction or exponent, no overflow.
 */
public final class StrictNumbers {

  /** What {@link #parse} answers for anything that is not such a number. */
  public static final long INVALID = -1;

  private StrictNumbers() {}

  public static long parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 19) {
      return INVALID;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return INVALID;
      }
      value = value * 10 + (c - '0');
      if (value < 0) {
        return INVALID;
      }
    }
    return value;
  }

  /** {@code text} parsed and within {@code [min, max]}, else {@link #INVALID}. */
  public static long parseInRange(String text, long min, long max) {
    long value = parse(text);
    return value == INVALID || value < min || value > max ? INVALID : value;
  }
}
