package io.chatgw.gateway.json;

import java.time.Instant;
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
    return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }

  /** {@code 2021-08-01T07:12:23}: UTC, no fraction, no zone. */
  public static String isoSecondsNoZone(long epochMillis) {
    return ISO_SECONDS_NO_ZONE.format(Instant.ofEpochMilli(epochMillis));
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
