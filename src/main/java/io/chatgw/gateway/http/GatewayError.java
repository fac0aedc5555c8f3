package io.chatgw.gateway.http;

import java.util.List;

/**
 * A request that ends with an error status. Stackless and cheap: thrown on bad input and failed
 * authentication, both of which are normal traffic. Each dialect renders it in its own format.
 */
public final class GatewayError extends RuntimeException {

  public static final int UNAUTHORIZED = 401;
  public static final int UNAVAILABLE = 503;

  private final int status;
  private final List<String> details;

  private GatewayError(int status, List<String> details) {
    super(status + " " + details, null, false, false);
    this.status = status;
    this.details = details;
  }

  public static GatewayError of(int status, String... details) {
    return new GatewayError(status, List.of(details));
  }

  public static GatewayError unauthorized() {
    return new GatewayError(UNAUTHORIZED, List.of());
  }

  public static GatewayError unavailable() {
    return new GatewayError(UNAVAILABLE, List.of());
  }

  public int status() {
    return status;
  }

  /** Extra lines the dialect may show (validation details); empty for most errors. */
  public List<String> details() {
    return details;
  }
}
