package io.chatgw.gateway.bus;

/** Event-bus addresses between the router verticle and the message verticle. */
public final class Addresses {

  /** History reads: a {@link HistoryRequest} in, a {@link HistoryReply} back. */
  public static final String HISTORY = "gateway.history";

  private Addresses() {}
}
