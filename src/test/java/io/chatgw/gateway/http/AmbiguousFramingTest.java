package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.TestGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, finding 9: a request with both {@code Content-Length} and {@code Transfer-Encoding} is
 * answered 400 and its connection closed, so a request smuggled behind it is never answered
 * (RFC 9112 section 6.1). A request framed by one of them alone is served as before.
 */
class AmbiguousFramingTest {

  static final String NEXT = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";

  int port = TestGateway.shared().port();

  @Test
  void contentLengthThenChunkedIs400AndTheRequestBehindItIsNotAnswered() {
    RawConnection.Answer answer = RawConnection.exchange(port, "GET /health/live HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + NEXT, 5000);
    assertOnly400AndClosed(answer);
  }

  @Test
  void chunkedThenContentLengthIs400AndTheRequestBehindItIsNotAnswered() {
    RawConnection.Answer answer = RawConnection.exchange(port, "GET /health/live HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n" + NEXT, 5000);
    assertOnly400AndClosed(answer);
  }

  @Test
  void onAHistoryRouteAndAfterAGoodRequestOnTheSameConnection() {
    RawConnection.Answer answer = RawConnection.exchange(port, NEXT
        + "GET /api/get_room_messages?room_id=1 HTTP/1.1\r\nHost: x\r\nAuthorization: t\r\n"
        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + NEXT, 5000);
    assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request"), answer.statusLines(), answer.text());
    assertTrue(answer.closed(), "the connection is closed after the 400");
  }

  @Test
  void http10KeepAliveWithBothIsRefusedToo() {
    RawConnection.Answer answer = RawConnection.exchange(port, "GET /health/live HTTP/1.0\r\nHost: x\r\n"
        + "Connection: keep-alive\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + NEXT, 5000);
    assertEquals(1, answer.statusLines().size(), answer.text());
    assertTrue(answer.statusLines().get(0).endsWith(" 400 Bad Request"), answer.text());
    assertTrue(answer.closed(), "the connection is closed after the 400");
  }

  @Test
  void chunkedAloneIsStillServedAndKeepsTheConnection() {
    RawConnection.Answer answer = RawConnection.exchange(port, "GET /health/live HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + NEXT, 1500);
    assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK"), answer.statusLines(), answer.text());
  }

  private static void assertOnly400AndClosed(RawConnection.Answer answer) {
    assertEquals(List.of("HTTP/1.1 400 Bad Request"), answer.statusLines(), answer.text());
    assertTrue(answer.closed(), "the connection is closed after the 400");
  }
}
