package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.HistoryParams;
import io.chatgw.gateway.bus.PageSize;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.StrictNumbers;
import java.time.OffsetDateTime;

/**
 * A validated IMKit request: the room id, the sort key, the page size and the optional filters
 * ({@code afterTime}, {@code afterMessage}, {@code beforeMessage}; null when absent).
 */
record ImkitParams(String roomId, TimeRangeField field, int limit, OffsetDateTime afterTime,
    String afterMessage, String beforeMessage) implements HistoryParams, PageSize {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 500;

  /**
   * With an after-filter and no {@code beforeMessage} the page is the entries closest after the
   * bound (an ascending read), so that syncing forward never skips; otherwise the newest.
   */
  boolean closestAfter() {
    return beforeMessage == null && (afterMessage != null || afterTime != null);
  }

  /** Without any filter: the room's newest entries by K, no window to compute. */
  boolean unfiltered() {
    return afterTime == null && afterMessage == null && beforeMessage == null;
  }

  /** The request's parameters, or a 400 GatewayError naming the first malformed one. */
  static ImkitParams parse(String roomId, QueryParams query) {
    return new ImkitParams(roomId, field(query.last("timeRangeField")), limit(query.last("limit")),
        afterTime(query.last("afterTime")), query.last("afterMessage"), query.last("beforeMessage"));
  }

  private static TimeRangeField field(String text) {
    if (text == null) {
      return TimeRangeField.UPDATED_AT;
    }
    TimeRangeField field = TimeRangeField.of(text);
    if (field == null) {
      throw invalid("timeRangeField must be one of updatedAt, createdAt, messageTime");
    }
    return field;
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    long limit = StrictNumbers.parseInRange(text, 1, MAX_LIMIT);
    if (limit == StrictNumbers.INVALID) {
      throw invalid("limit must be an integer from 1 to " + MAX_LIMIT);
    }
    return (int) limit;
  }

  private static OffsetDateTime afterTime(String text) {
    if (text == null) {
      return null;
    }
    OffsetDateTime time = AfterTime.parse(text);
    if (time == null) {
      throw invalid("afterTime must be an ISO-8601 time or epoch milliseconds");
    }
    return time;
  }

  static GatewayError invalid(String message) {
    return GatewayError.of(ImkitErrors.INVALID_PARAMETER, message);
  }
}
