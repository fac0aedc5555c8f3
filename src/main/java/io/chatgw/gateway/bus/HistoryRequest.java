package io.chatgw.gateway.bus;

/**
 * One authenticated, validated history read: which dialect asked, for whom, the dialect's own
 * parsed parameters, and the request's {@code If-None-Match} (null without one).
 */
public record HistoryRequest(String dialect, Principal principal, HistoryParams params, String ifNoneMatch) {

  public HistoryRequest(String dialect, Principal principal, HistoryParams params) {
    this(dialect, principal, params, null);
  }
}
