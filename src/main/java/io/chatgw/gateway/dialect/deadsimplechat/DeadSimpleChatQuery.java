package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.http.PercentEscapes;
import java.util.HashMap;
import java.util.Map;

/**
 * The query string read parameter by parameter, the last occurrence winning. Unlike the shared
 * {@code QueryParams}, a malformed component (a bad escape, bytes that are not UTF-8, a NUL: see
 * {@code PercentEscapes}) spoils only the occurrence it is in: such a value reads as present but
 * unreadable ({@link #last} null), so a broken {@code auth} is a 401 and a broken {@code limit} a
 * 400 after authentication, keeping the dialect's check order.
 */
final class DeadSimpleChatQuery {

  private final Map<String, String> last;

  private DeadSimpleChatQuery(Map<String, String> last) {
    this.last = last;
  }

  static DeadSimpleChatQuery of(String rawQuery) {
    Map<String, String> last = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new DeadSimpleChatQuery(last);
    }
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end > start) {
        add(last, rawQuery.substring(start, end));
      }
      start = end + 1;
    }
    return new DeadSimpleChatQuery(last);
  }

  private static void add(Map<String, String> last, String pair) {
    int eq = pair.indexOf('=');
    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
    if (name != null) {
      last.put(name, decode(eq < 0 ? "" : pair.substring(eq + 1)));
    }
  }

  /** The decoded component ({@code +} is a space), or null when it is malformed. */
  private static String decode(String component) {
    return PercentEscapes.decode(component, true);
  }

  boolean has(String name) {
    return last.containsKey(name);
  }

  /** The last occurrence's value; null when absent or when that value cannot be decoded. */
  String last(String name) {
    return last.get(name);
  }
}
