package io.chatgw.gateway.http;

import io.chatgw.gateway.failure.GatewayError;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The request's query parameters, decoded once, strictly. A repeated parameter: the last
 * occurrence wins. A malformed percent-escape, bytes that are not UTF-8, or a NUL anywhere in
 * the query string (see {@link PercentEscapes}) fail with the dialect's status for bad input.
 */
public final class QueryParams {

  private static final String KEY = "gateway.query";
  private final Map<String, List<String>> params;

  private QueryParams(Map<String, List<String>> params) {
    this.params = params;
  }

  /** Decodes the query of this request, or fails with {@code GatewayError.of(badInputStatus)}. */
  public static QueryParams of(RoutingContext ctx, int badInputStatus) {
    QueryParams cached = ctx.get(KEY);
    if (cached != null) {
      return cached;
    }
    QueryParams decoded = new QueryParams(decode(ctx.request().query(), badInputStatus));
    ctx.put(KEY, decoded);
    return decoded;
  }

  /**
   * {@code name=value} pairs split on {@code &} up to a {@code #}; a pair without {@code =} has the
   * value "", a pair without a name is ignored.
   */
  private static Map<String, List<String>> decode(String query, int badInputStatus) {
    Map<String, List<String>> params = new HashMap<>();
    if (query == null) {
      return params;
    }
    int fragment = query.indexOf('#');
    for (String pair : (fragment < 0 ? query : query.substring(0, fragment)).split("&")) {
      int eq = pair.indexOf('=');
      String name = PercentEscapes.decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = PercentEscapes.decode(eq < 0 ? "" : pair.substring(eq + 1), true);
      if (name == null || value == null) {
        throw GatewayError.of(badInputStatus, "malformed query string");
      }
      if (!name.isEmpty()) {
        params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
      }
    }
    return params;
  }

  /** The last value of a parameter, or null when absent. */
  public String last(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  public List<String> all(String name) {
    return params.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }
}
