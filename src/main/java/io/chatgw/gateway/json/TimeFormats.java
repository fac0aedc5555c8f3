package io.chatgw.gateway.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The time formats the dialects render, each exact to the character. */
public final class TimeFormats {

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_SECONDS_NO_ZONE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private TimeFormats() {}

  public static long epochMillis(OffsetDateTime time) {
    return time.toInstant().toEpochMilli();
  }

  /** {@code 2024-02-13T20:02:27.165Z}. */
  public static String isoMillis(long epochMillis) {
    String fast = digits(epochMillis, true);
    return fast != null ? fast : ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * {@link #isoMillis} as PostgreSQL's {@code to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')} writes
   * it: alike for the years 1-9999; a year BC as its number without a sign (1 BC, java.time's year
   * 0, is {@code 0001}), a year past 9999 with all its digits and no {@code +}.
   */
  public static String isoMillisAsPostgres(long epochMillis) {
    if (epochMillis >= YEAR_1 && epochMillis < YEAR_10000) {
      return isoMillis(epochMillis);
    }
    Instant instant = Instant.ofEpochMilli(epochMillis);
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    String digits = Integer.toString(year <= 0 ? 1 - year : year);
    String java = ISO_MILLIS.format(instant);
    // java.time writes the year signed ("-0001", "+10000"); the rest is alike
    return "0".repeat(Math.max(0, 4 - digits.length())) + digits + java.substring(java.indexOf('-', 1));
  }

  private static final long YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();

  /** {@code 2021-08-01T07:12:23}: UTC, no fraction, no zone. */
  public static String isoSecondsNoZone(long epochMillis) {
    String fast = digits(epochMillis, false);
    return fast != null ? fast : ISO_SECONDS_NO_ZONE.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * The two ISO forms written digit by digit, for years 0000-9999 (else null, and the formatter
   * above writes it): java.time's formatting was 7 % of a MeetingLawyers page's CPU.
   */
  private static String digits(long epochMillis, boolean millisAndZone) {
    long seconds = Math.floorDiv(epochMillis, 1000);
    long days = Math.floorDiv(seconds, 86_400);
    if (days < MIN_DAY || days > MAX_DAY) {
      return null;
    }
    LocalDate date = LocalDate.ofEpochDay(days);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    char[] out = new char[millisAndZone ? 24 : 19];
    four(out, 0, date.getYear());
    out[4] = '-';
    two(out, 5, date.getMonthValue());
    out[7] = '-';
    two(out, 8, date.getDayOfMonth());
    out[10] = 'T';
    two(out, 11, secondOfDay / 3600);
    out[13] = ':';
    two(out, 14, secondOfDay / 60 % 60);
    out[16] = ':';
    two(out, 17, secondOfDay % 60);
    if (millisAndZone) {
      int millis = (int) Math.floorMod(epochMillis, 1000);
      out[19] = '.';
      out[20] = (char) ('0' + millis / 100);
      two(out, 21, millis % 100);
      out[23] = 'Z';
    }
    return new String(out);
  }

  private static final long MIN_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private static void four(char[] out, int at, int value) {
    two(out, at, value / 100);
    two(out, at + 2, value % 100);
  }

  private static void two(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }

  /** Unix seconds with exactly three decimals in plain notation: {@code 1709481234.567}. */
  public static String unixSecondsWithMillis(long epochMillis) {
    long seconds = Math.floorDiv(epochMillis, 1000);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    StringBuilder out = new StringBuilder(24).append(seconds).append('.');
    if (millis < 100) {
      out.append('0');
    }
    if (millis < 10) {
      out.append('0');
    }
    return out.append(millis).toString();
  }
}
