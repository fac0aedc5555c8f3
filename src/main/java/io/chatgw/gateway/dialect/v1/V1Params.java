package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.bus.HistoryParams;
import io.chatgw.gateway.bus.PageSize;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.StrictNumbers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated {@code GET /v1/rooms/{roomId}/messages}: the room, the page size, and at most one
 * anchor — {@code before}, {@code after} or {@code around} (a cursor or a message id, told apart by
 * the reader) or {@code aroundTime}. {@code path} is the request's path as sent, for the
 * {@code Link} headers.
 */
record V1Params(String roomId, String path, int limit, Anchor anchor, String anchorText, OffsetDateTime aroundTime)
    implements HistoryParams, PageSize {

  /** Which page: the newest, or the one before, after or around the anchor. */
  enum Anchor { NEWEST, BEFORE, AFTER, AROUND }

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final String BAD_LIMIT = "limit must be an integer between 1 and " + MAX_LIMIT;
  static final String ONE_ANCHOR = "give at most one of before, after, around and aroundTime";
  static final String BAD_TIME = "aroundTime must be an ISO-8601 time with a zone or epoch milliseconds";

  /** The earliest and latest aroundTime: PostgreSQL's timestamptz range, within what a cursor holds. */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** Fails with 400 invalid_parameter naming the first parameter that is wrong; the last occurrence of each counts. */
  static V1Params from(String roomId, String path, QueryParams query) {
    String limitText = query.last("limit");
    long limit = limitText == null ? DEFAULT_LIMIT : StrictNumbers.parseInRange(limitText, 1, MAX_LIMIT);
    if (limit == StrictNumbers.INVALID) {
      throw invalid(BAD_LIMIT);
    }
    List<Anchor> given = new ArrayList<>();
    String text = null;
    for (Anchor anchor : List.of(Anchor.BEFORE, Anchor.AFTER, Anchor.AROUND)) {
      String value = query.last(name(anchor));
      if (value != null) {
        if (value.isEmpty()) {
          throw invalid(name(anchor) + " must not be empty");
        }
        given.add(anchor);
        text = value;
      }
    }
    String timeText = query.last("aroundTime");
    if (given.size() + (timeText == null ? 0 : 1) > 1) {
      throw invalid(ONE_ANCHOR);
    }
    if (timeText != null) {
      return new V1Params(roomId, path, (int) limit, Anchor.AROUND, null, time(timeText));
    }
    Anchor anchor = given.isEmpty() ? Anchor.NEWEST : given.get(0);
    return new V1Params(roomId, path, (int) limit, anchor, text, null);
  }

  static String name(Anchor anchor) {
    return anchor.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** ISO-8601 with an offset ({@code 2026-01-01T10:00:00Z}, {@code …+02:00}) or epoch milliseconds. */
  static OffsetDateTime time(String text) {
    Instant instant;
    long millis = StrictNumbers.parse(text);
    try {
      instant = millis != StrictNumbers.INVALID ? Instant.ofEpochMilli(millis)
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(BAD_TIME);
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw invalid(BAD_TIME);
    }
    return instant.atOffset(ZoneOffset.UTC);
  }

  static GatewayError invalid(String detail) {
    return GatewayError.of(V1Errors.INVALID_PARAMETER, detail);
  }
}
