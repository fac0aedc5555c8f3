package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.http.StrictNumbers;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Parses {@code afterTime}: ISO-8601 date-time with or without fraction and zone designator
 * (none means UTC), or integer epoch milliseconds. Years 0001..9999 only, so that every accepted
 * value is a time PostgreSQL can compare with; kept to the microsecond, the store's precision.
 */
final class AfterTime {

  private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);
  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  private AfterTime() {}

  /** The time, or null when the text is none of the accepted forms. */
  static OffsetDateTime parse(String text) {
    Instant instant = isDigits(text) ? epochMillis(text) : iso(text);
    if (instant == null || instant.isBefore(MIN) || instant.isAfter(MAX)) {
      return null;
    }
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return !text.isEmpty();
  }

  private static Instant epochMillis(String text) {
    long millis = StrictNumbers.parse(text);
    return millis == StrictNumbers.INVALID || millis > MAX.toEpochMilli() ? null : Instant.ofEpochMilli(millis);
  }

  private static Instant iso(String text) {
    try {
      TemporalAccessor parsed = ISO.parse(text);
      LocalDateTime local = LocalDateTime.from(parsed);
      ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? ZoneOffset.from(parsed)
          : ZoneOffset.UTC;
      return local.toInstant(offset);
    } catch (DateTimeException malformed) {
      return null;
    }
  }
}
