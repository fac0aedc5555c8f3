package io.chatgw.gateway.bus;

import io.vertx.core.Future;
import java.util.function.BiFunction;

/** The store side of one dialect: answers its validated requests with a rendered reply. */
@FunctionalInterface
public interface HistoryReader {

  /** The reply; a failed future with a {@code GatewayError} for 4xx outcomes and database trouble. */
  Future<HistoryReply> read(HistoryRequest request);

  /**
   * A reader of requests whose parameters are a {@code type}: the dialect's code gets them typed; a
   * request with any other parameters fails (a bug of ours: a 500 at once, see {@link BusFailure}).
   */
  static <P extends HistoryParams> HistoryReader of(Class<P> type,
      BiFunction<Principal, P, Future<HistoryReply>> read) {
    return request -> read.apply(request.principal(), type.cast(request.params()));
  }

  /** The read of a dialect that also needs the request itself (its {@code If-None-Match}). */
  @FunctionalInterface
  interface Read<P> {
    Future<HistoryReply> read(HistoryRequest request, P params);
  }

  /** Like {@link #of}, the dialect's code given the whole request. */
  static <P extends HistoryParams> HistoryReader ofRequest(Class<P> type, Read<P> read) {
    return request -> read.read(request, type.cast(request.params()));
  }
}
