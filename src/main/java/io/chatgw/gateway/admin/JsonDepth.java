package io.chatgw.gateway.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Whether a decoded JSON value nests deeper than a limit. Walked with an explicit stack, so that
 * the check itself cannot overflow the thread's stack however deep the input.
 */
final class JsonDepth {

  private JsonDepth() {}

  /** {@code true} when {@code value} has containers more than {@code max} levels deep (a scalar is 0). */
  static boolean exceeds(Object value, int max) {
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {value, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      Object v = top[0];
      int depth = (Integer) top[1];
      Iterable<?> children = v instanceof JsonObject o ? o.getMap().values()
          : v instanceof Map<?, ?> m ? m.values()
          : v instanceof JsonArray a ? a.getList()
          : v instanceof Iterable<?> l ? l : null;
      if (children == null) {
        continue;
      }
      if (depth + 1 > max) {
        return true;
      }
      for (Object child : children) {
        stack.push(new Object[] {child, depth + 1});
      }
    }
    return false;
  }
}
