package io.chatgw.gateway.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The request's query parameters, decoded once, strictly. A repeated parameter: the last
 * occurrence wins. A malformed percent-escape fails with the dialect's status for bad input.
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
    String query = ctx.request().query();
    try {
      QueryParams decoded = new QueryParams(query == null
          ? Map.of()
          : new QueryStringDecoder(query, StandardCharsets.UTF_8, false, 1024, true).parameters());
      ctx.put(KEY, decoded);
      return decoded;
    } catch (IllegalArgumentException malformed) {
      throw GatewayError.of(badInputStatus, "malformed query string");
    }
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
