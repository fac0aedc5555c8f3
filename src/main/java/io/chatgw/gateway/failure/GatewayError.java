package io.chatgw.gateway.failure;

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
  private final ResponseHeaders headers;

  private GatewayError(int status, List<String> details, ResponseHeaders headers) {
    super(status + " " + details, null, false, false);
    this.status = status;
    this.details = details;
    this.headers = headers;
  }

  public static GatewayError of(int status, String... details) {
    return new GatewayError(status, List.of(details), ResponseHeaders.NONE);
  }

  public static GatewayError unauthorized() {
    return new GatewayError(UNAUTHORIZED, List.of(), ResponseHeaders.NONE);
  }

  public static GatewayError unavailable() {
    return new GatewayError(UNAVAILABLE, List.of(), ResponseHeaders.NONE);
  }

  /** The same error, answered with {@code headers} too ({@code Retry-After}, the rate-limit fields). */
  public GatewayError withHeaders(ResponseHeaders headers) {
    return new GatewayError(status, details, headers);
  }

  public int status() {
    return status;
  }

  /** Extra lines the dialect may show (validation details); empty for most errors. */
  public List<String> details() {
    return details;
  }

  /** Headers the answer carries beyond the usual ones; {@link ResponseHeaders#NONE} for most errors. */
  public ResponseHeaders headers() {
    return headers;
  }
}
