package io.chatgw.gateway.bus;

/** Failure codes a message verticle replies with instead of a rendered answer. */
public final class BusFailure {

  /** The database did not answer in time, refused, or is gone: the caller answers 503. */
  public static final int DATABASE_UNAVAILABLE = 503;

  private BusFailure() {}
}
