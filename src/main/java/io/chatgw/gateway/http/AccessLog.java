package io.chatgw.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code access} logger: method, path with every credential-bearing
 * query value masked, status, bytes, milliseconds, request id. Headers are never logged, so no
 * other credential can reach a log line. logback's async appender (conf/logback.xml) keeps the
 * writing off the event loop.
 */
public final class AccessLog {

  /**
   * Query parameters that carry a credential: DeadSimpleChat's API key ({@code auth}) and the
   * native API's bearer token ({@code access_token}). Matched on the decoded name, ignoring case.
   */
  static final Set<String> CREDENTIAL_PARAMETERS = Set.of("auth", "access_token");
  private static final String MASK = "***";

  private static final Logger access = LoggerFactory.getLogger("access");

  private AccessLog() {}

  public static void record(RoutingContext ctx) {
    if (access.isInfoEnabled()) {
      long start = System.nanoTime();
      ctx.addEndHandler(v -> {
        HttpServerRequest request = ctx.request();
        access.info("{} {} {} {} {}ms {}", request.method(), masked(request.uri()), ctx.response().getStatusCode(),
            ctx.response().bytesWritten(), (System.nanoTime() - start) / 1_000_000, RequestIds.of(ctx));
      });
    }
    ctx.next();
  }

  /**
   * The URI with the value of each credential parameter replaced by {@code ***}. Names are
   * compared after strict percent-decoding, as the dialects read them ({@code %61uth} is
   * {@code auth}); a pair whose name cannot be decoded is masked whole, a value that cannot be
   * decoded is masked too.
   */
  static String masked(String uri) {
    int query = uri.indexOf('?');
    if (query < 0 || nothingToMask(uri, query)) {
      return uri;
    }
    StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, query);
    char separator = '?';
    for (String pair : uri.substring(query + 1).split("&", -1)) {
      out.append(separator);
      separator = '&';
      int eq = pair.indexOf('=');
      String name = PercentEscapes.decode(eq < 0 ? pair : pair.substring(0, eq), true);
      if (name == null) {
        out.append(MASK);
      } else if (eq >= 0 && (CREDENTIAL_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))
          || PercentEscapes.decode(pair.substring(eq + 1), true) == null)) {
        out.append(pair, 0, eq + 1).append(MASK);
      } else {
        out.append(pair);
      }
    }
    return out.toString();
  }

  /**
   * No escape and no NUL in the query (so every name and value decodes to itself, '+' aside), and
   * no credential parameter's name in it in any case: the URI is logged as it is. The common case,
   * without the split and the decoding of every pair.
   */
  private static boolean nothingToMask(String uri, int query) {
    if (uri.indexOf('%', query) >= 0 || uri.indexOf('\0', query) >= 0) {
      return false;
    }
    for (String name : CREDENTIAL_PARAMETERS) {
      for (int i = query + 1; i + name.length() <= uri.length(); i++) {
        if (uri.regionMatches(true, i, name, 0, name.length())) {
          return false;
        }
      }
    }
    return true;
  }
}
