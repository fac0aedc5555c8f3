package io.chatgw.gateway.dialect.meetinglawyers;

import io.chatgw.gateway.bus.HistoryParams;
import io.chatgw.gateway.bus.PageSize;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.StrictNumbers;

/**
 * A validated MeetingLawyers request: the room's number, the optional pivot message id (null for
 * the newest page), the page size and the direction from the pivot.
 */
record MeetingLawyersParams(long roomNumber, String pivot, int limit, boolean older)
    implements HistoryParams, PageSize {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  static final String BAD_ROOM = "room must be a positive integer";
  static final String BAD_LIMIT = "limit must be an integer between 1 and " + MAX_LIMIT;
  static final String BAD_OLDER = "older must be one of true, false, 1, 0";
  static final String BAD_PIVOT = "pivot is not a message of this room";

  /**
   * Reads {@code room}, {@code limit}, {@code older} (checked in that order) and {@code pivot};
   * the last occurrence of each wins. Fails with a 400 naming the first malformed parameter.
   */
  static MeetingLawyersParams from(QueryParams query) {
    long room = StrictNumbers.parseInRange(query.last("room"), 1, Long.MAX_VALUE);
    if (room == StrictNumbers.INVALID) {
      throw GatewayError.of(MeetingLawyersErrors.BAD_REQUEST, BAD_ROOM);
    }
    String limitText = query.last("limit");
    long limit = limitText == null ? DEFAULT_LIMIT : StrictNumbers.parseInRange(limitText, 1, MAX_LIMIT);
    if (limit == StrictNumbers.INVALID) {
      throw GatewayError.of(MeetingLawyersErrors.BAD_REQUEST, BAD_LIMIT);
    }
    boolean older = older(query.last("older"));
    String pivot = query.last("pivot");
    return new MeetingLawyersParams(room, pivot == null || pivot.isEmpty() ? null : pivot, (int) limit, older);
  }

  /**
   * Absent: true (the default). Present without a value ({@code ?older} or {@code ?older=}): true.
   * Otherwise exactly {@code true|1} or {@code false|0}, case-sensitive like the spec writes them.
   */
  static boolean older(String value) {
    if (value == null) {
      return true;
    }
    return switch (value) {
      case "", "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw GatewayError.of(MeetingLawyersErrors.BAD_REQUEST, BAD_OLDER);
    };
  }
}
