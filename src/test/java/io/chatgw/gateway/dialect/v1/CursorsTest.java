package io.chatgw.gateway.dialect.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.failure.GatewayError;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Cursors are opaque, URL-safe and versioned; anything that is not an intact cursor is refused. */
class CursorsTest {

  static final Cursors.Page PAGE = new Cursors.Page(42, 1_767_225_600_123_456L, 987_654, 1234);

  @Test
  void aPageCursorRoundTripsAndIsUrlSafe() {
    String text = Cursors.page(PAGE);
    assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
    assertEquals(PAGE, Cursors.pageOrNull(text));
  }

  @Test
  void aFeedCursorRoundTrips() {
    String text = Cursors.feed(77_000_000_000L);
    assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
    assertEquals(77_000_000_000L, Cursors.feed(text, "lastEventId"));
    assertEquals(0L, Cursors.feed(Cursors.feed(0), "lastEventId"));
  }

  @Test
  void everyChangedCharacterMakesItNoCursor() {
    String text = Cursors.page(PAGE);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < text.length(); i++) {
      for (char c : alphabet.toCharArray()) {
        if (c != text.charAt(i)) {
          String tampered = text.substring(0, i) + c + text.substring(i + 1);
          assertNull(Cursors.pageOrNull(tampered), "position " + i + " as " + c + ": " + tampered);
        }
      }
    }
  }

  @Test
  void foreignTextIsNoCursor() {
    String page = Cursors.page(PAGE);
    for (String text : new String[] {"", "m1", "abc", page + "A", page.substring(1), page + "==", "%%%%",
        page.substring(0, 3) + "+" + page.substring(4), "x".repeat(10_000), Cursors.feed(5)}) {
      assertNull(Cursors.pageOrNull(text), text);
    }
  }

  @Test
  void aFeedCursorThatIsNotOneIs400InvalidParameter() {
    for (String text : new String[] {"", "5", Cursors.page(PAGE), Cursors.feed(5).substring(2), "ü"}) {
      GatewayError e = assertThrows(GatewayError.class, () -> Cursors.feed(text, "lastEventId"), text);
      assertEquals(400, e.status());
      assertTrue(e.details().get(0).startsWith("lastEventId"), e.details().toString());
    }
  }

  @Test
  void anotherVersionIsNoCursor() {
    String text = Cursors.page(PAGE);
    byte[] raw = java.util.Base64.getUrlDecoder().decode(text);
    raw[0] = 2;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(raw, 0, raw.length - 4);
    java.nio.ByteBuffer.wrap(raw).putInt(raw.length - 4, (int) crc.getValue());
    String v2 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertNotEquals(text, v2);
    assertNull(Cursors.pageOrNull(v2));
  }

  @Test
  void timesKeepTheirMicroseconds() {
    OffsetDateTime t = OffsetDateTime.parse("2026-01-01T10:00:00.123456Z");
    assertEquals(t.toInstant(), Cursors.time(Cursors.micros(t)).toInstant());
    OffsetDateTime old = OffsetDateTime.parse("1969-12-31T23:59:59.999999Z");
    assertEquals(old.toInstant(), Cursors.time(Cursors.micros(old)).toInstant());
  }
}
