package io.chatgw.gateway.http;

import io.chatgw.gateway.bus.HistoryParams;
import io.chatgw.gateway.bus.Principal;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * One dialect's history route as data: GET (and HEAD) on a path or a path regex, the dialect's
 * two steps of the chain ({@link HistoryChain} adds dispatch and write), and its error format.
 *
 * @param dialect the name its requests carry over the event bus
 * @param regex whether {@code path} is a regex (no {@code :param}: see {@link Routes#getRegex})
 * @param credentialHeaders the request headers that carry its credentials (a CORS preflight allows them)
 */
public record HistoryRoute(String dialect, String path, boolean regex, Credential credential,
    Validation validation, ErrorRenderer errors, List<String> credentialHeaders) {

  public HistoryRoute {
    credentialHeaders = List.copyOf(credentialHeaders);
  }

  /** Who asks. Throws a {@code GatewayError} for what it decides at once; the Future fails with what it learns later. */
  @FunctionalInterface
  public interface Credential {
    Future<Principal> authenticate(RoutingContext ctx);
  }

  /** The dialect's parameters of an authenticated request; throws a {@code GatewayError} for bad input. */
  @FunctionalInterface
  public interface Validation {
    HistoryParams validate(RoutingContext ctx);
  }

  public static HistoryRoute get(String dialect, String path, Credential credential, Validation validation,
      ErrorRenderer errors) {
    return new HistoryRoute(dialect, path, false, credential, validation, errors, List.of());
  }

  public static HistoryRoute getRegex(String dialect, String regex, Credential credential, Validation validation,
      ErrorRenderer errors) {
    return new HistoryRoute(dialect, regex, true, credential, validation, errors, List.of());
  }

  /** This route, its credentials sent in {@code headers}. */
  public HistoryRoute withCredentialHeaders(String... headers) {
    return new HistoryRoute(dialect, path, regex, credential, validation, errors, List.of(headers));
  }
}
