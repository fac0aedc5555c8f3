package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, finding 9: HTTP/2 over cleartext is off unless {@code http.h2c} is set. Vert.x turns it
 * on by default; off, an {@code Upgrade: h2c} request is answered as plain HTTP/1.1 and the
 * prior-knowledge preface gets no HTTP/2 frame back.
 */
class Http2CleartextTest {

  static final String UPGRADE = "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
      + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n";
  static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  /** A SETTINGS frame with no payload: length 0, type 4, no flags, stream 0. */
  static final String EMPTY_SETTINGS = "\0\0\0\4\0\0\0\0\0";

  @Test
  void anUpgradeToH2cIsAnsweredAsPlainHttp11() {
    RawConnection.Answer answer = RawConnection.exchange(TestGateway.shared().port(), UPGRADE, 1500);
    assertEquals(List.of("HTTP/1.1 200 OK"), answer.statusLines(), answer.text());
    assertFalse(answer.text().contains(" 101 "), answer.text());
  }

  @Test
  void thePriorKnowledgePrefaceGetsNoHttp2SettingsFrame() {
    RawConnection.Answer answer = RawConnection.exchange(TestGateway.shared().port(),
        PREFACE + EMPTY_SETTINGS, 3000);
    assertFalse(isSettingsFrame(answer.bytes()), "an HTTP/2 SETTINGS frame came back: " + answer.text());
    assertTrue(answer.closed(), "the connection is closed");
    assertTrue(answer.bytes().length == 0 || answer.text().startsWith("HTTP/"), answer.text());
  }

  @Test
  void theHttpH2cKeyTurnsItOn() {
    JsonObject conf = new JsonObject().put("http", new JsonObject().put("h2c", true));
    try (TestGateway h2c = TestGateway.start(conf, UnaryOperator.identity())) {
      assertTrue(h2c.config().http().h2c());
      RawConnection.Answer upgrade = RawConnection.exchange(h2c.port(), UPGRADE, 1500);
      assertTrue(upgrade.text().startsWith("HTTP/1.1 101 Switching Protocols"), upgrade.text());
      RawConnection.Answer preface = RawConnection.exchange(h2c.port(), PREFACE + EMPTY_SETTINGS, 1500);
      assertTrue(isSettingsFrame(preface.bytes()), preface.text());
    }
  }

  /** The answer opens with an HTTP/2 frame header of type SETTINGS (4) on stream 0. */
  private static boolean isSettingsFrame(byte[] bytes) {
    return bytes.length >= 9 && bytes[3] == 4 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0 && bytes[8] == 0;
  }
}
