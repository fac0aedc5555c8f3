package io.chatgw.gateway.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The digit-by-digit ISO forms agree with java.time's formatting, character for character. */
class TimeFormatsTest {

  static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  @Test
  void bothFormsMatchJavaTimeOverTheWholeRangeAndItsEdges() {
    long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      check(random.nextLong(min - 100_000_000_000L, max + 100_000_000_000L));
    }
    for (long edge : new long[] {0, -1, 1, 999, 1000, -999, -1000, -1001, 86_399_999, 86_400_000, min, min - 1, max,
        max + 1, Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(), 1709481234567L}) {
      check(edge);
    }
  }

  @Test
  void examplesFromTheDialects() {
    assertEquals("2024-02-13T20:02:27.165Z", TimeFormats.isoMillis(Instant.parse("2024-02-13T20:02:27.165Z").toEpochMilli()));
    assertEquals("2021-08-01T07:12:23", TimeFormats.isoSecondsNoZone(Instant.parse("2021-08-01T07:12:23.999Z").toEpochMilli()));
  }

  /** What PostgreSQL's to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') printed for these times. */
  @Test
  void theFormOfToCharForYearsBcAndPast9999() {
    assertEquals("0001-06-01T12:00:00.123Z", postgres("0000-06-01T12:00:00.123456Z"));
    assertEquals("0002-06-01T12:00:00.999Z", postgres("-0001-06-01T12:00:00.9999Z"));
    assertEquals("4714-11-24T00:00:00.000Z", postgres("-4713-11-24T00:00:00Z"));
    assertEquals("12345-06-01T12:00:00.999Z", postgres("+12345-06-01T12:00:00.9999Z"));
    assertEquals("0045-06-01T12:00:00.999Z", postgres("0045-06-01T12:00:00.9999Z"));
    assertEquals("1969-12-31T23:59:59.999Z", postgres("1969-12-31T23:59:59.9996Z"));
    assertEquals("9999-12-31T23:59:59.999Z", postgres("9999-12-31T23:59:59.999Z"));
    assertEquals("0001-01-01T00:00:00.000Z", postgres("0001-01-01T00:00:00Z"));
  }

  private static String postgres(String iso) {
    return TimeFormats.isoMillisAsPostgres(TimeFormats.epochMillis(java.time.OffsetDateTime.parse(iso)));
  }

  private static void check(long millis) {
    Instant instant = Instant.ofEpochMilli(millis);
    assertEquals(MILLIS.format(instant), TimeFormats.isoMillis(millis), "isoMillis of " + millis);
    assertEquals(SECONDS.format(instant), TimeFormats.isoSecondsNoZone(millis), "isoSecondsNoZone of " + millis);
  }
}
