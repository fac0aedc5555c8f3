package io.chatgw.gateway.http;

import static io.chatgw.gateway.http.BadInputTest.assertWellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md: a request line over 8 KiB is 414, headers over 16 KiB are 431, for every dialect.
 * Counted as the request line's bytes without its CRLF, and the header lines' bytes
 * ({@code Name: value}) without theirs. Up to the limit the dialect serves the member's request as
 * usual; past it the HTTP codec answers before any routing, without a body (decisions.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestSizeLimitsTest {

  static final int LINE_LIMIT = 8192;
  static final int HEADER_LIMIT = 16384;

  final List<BadInputDialect> dialects = BadInputTest.all();
  Http http;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    dialects.forEach(d -> d.load(http));
  }

  @AfterAll
  void close() {
    http.close();
  }

  @TestFactory
  Stream<DynamicNode> theRequestLineIsServedUpTo8KiBAndHeadersUpTo16KiB() {
    return dialects.stream().map(d -> dynamicContainer(d.name(), Stream.of(
        dynamicTest("request line of 8192 bytes", () -> served(d, http.raw(requestLineOf(d, LINE_LIMIT)))),
        dynamicTest("request line of 8193 bytes is 414", () -> refused(414, http.raw(requestLineOf(d, LINE_LIMIT + 1)))),
        dynamicTest("headers of 16384 bytes", () -> served(d, http.raw(headersOf(d, HEADER_LIMIT)))),
        dynamicTest("headers of 16385 bytes are 431", () -> refused(431, http.raw(headersOf(d, HEADER_LIMIT + 1)))))));
  }

  /** The member's request, its request line padded with an ignored parameter to {@code length}. */
  private static String requestLineOf(BadInputDialect d, int length) {
    String bare = "GET " + d.uri(d.room(), "pad=") + " HTTP/1.1";
    String line = "GET " + d.uri(d.room(), "pad=" + "a".repeat(length - bare.length())) + " HTTP/1.1";
    assertEquals(length, line.length());
    return line + "\r\n" + headerBlock(d.headers(), "") + "\r\n";
  }

  /** The member's request with an {@code X-Pad} header that brings the header lines to {@code length}. */
  private static String headersOf(BadInputDialect d, int length) {
    int bare = headerBlock(d.headers(), "").replace("\r\n", "").length() + "X-Pad: ".length();
    String block = headerBlock(d.headers(), "X-Pad: " + "a".repeat(length - bare) + "\r\n");
    assertEquals(length, block.replace("\r\n", "").length());
    return "GET " + d.uri(d.room(), "") + " HTTP/1.1\r\n" + block + "\r\n";
  }

  private static String headerBlock(List<String> credentials, String extra) {
    StringBuilder block = new StringBuilder("Host: 127.0.0.1\r\nConnection: close\r\n");
    for (int i = 0; i + 1 < credentials.size(); i += 2) {
      block.append(credentials.get(i)).append(": ").append(credentials.get(i + 1)).append("\r\n");
    }
    return block.append(extra).toString();
  }

  private static void served(BadInputDialect d, Http.Response response) {
    assertWellFormed(response);
    d.ok().check(response);
  }

  /** Refused by the HTTP codec: the status and nothing else. */
  private static void refused(int status, Http.Response response) {
    assertEquals(status, response.status(), response.body());
    assertEquals("", response.body());
  }
}
