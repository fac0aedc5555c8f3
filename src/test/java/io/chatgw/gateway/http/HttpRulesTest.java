package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** dialects.md, rules common to all dialects; admin-api.md health and metrics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpRulesTest {

  Http http;

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Test
  void unknownPathsAre404InJson() {
    Http.Response response = http.get("/no/such/path");
    assertEquals(404, response.status());
    assertEquals("{\"error\":\"not found\"}", response.body());
  }

  @Test
  void anotherMethodOnAKnownPathIs405WithAllow() {
    Http.Response response = http.send(HttpMethod.DELETE, "/api/get_room_messages", null);
    assertEquals(405, response.status());
    assertEquals("GET, HEAD", response.header("Allow"));
  }

  @Test
  void theRequestIdIsEchoedWhenSaneAndMadeUpOtherwise() {
    assertEquals("abc-123", http.get("/health/live", "X-Request-Id", "abc-123").header("X-Request-Id"));
    String tooLong = "x".repeat(129);
    String replaced = http.get("/health/live", "X-Request-Id", tooLong).header("X-Request-Id");
    assertNotEquals(tooLong, replaced);
    assertTrue(replaced.length() >= 1 && replaced.length() <= 128);
    assertEquals("x".repeat(128), http.get("/health/live", "X-Request-Id", "x".repeat(128)).header("X-Request-Id"));
    String spaced = http.get("/health/live", "X-Request-Id", "a b").header("X-Request-Id");
    assertNotEquals("a b", spaced);
    assertTrue(http.get("/nope").header("X-Request-Id").length() > 0);
  }

  @Test
  void aRequestLineOver8KiBIs414() {
    String ok = "GET /health/live?p=" + "a".repeat(8192 - 30) + " HTTP/1.1";
    assertTrue(ok.length() <= 8192);
    assertEquals(200, http.rawStatus(ok + "\r\nHost: x\r\nConnection: close\r\n\r\n"));
    String tooLong = "GET /health/live?p=" + "a".repeat(8200) + " HTTP/1.1";
    assertEquals(414, http.rawStatus(tooLong + "\r\nHost: x\r\nConnection: close\r\n\r\n"));
  }

  @Test
  void headersOver16KiBAre431() {
    String ok = "X-Pad: " + "a".repeat(15_000);
    assertEquals(200, http.rawStatus("GET /health/live HTTP/1.1\r\nHost: x\r\n" + ok + "\r\nConnection: close\r\n\r\n"));
    String big = "X-Pad: " + "a".repeat(16_400);
    assertEquals(431, http.rawStatus("GET /health/live HTTP/1.1\r\nHost: x\r\n" + big + "\r\nConnection: close\r\n\r\n"));
  }

  @Test
  void healthAndMetrics() {
    assertEquals(200, http.get("/health/live").status());
    Http.Response ready = http.get("/health/ready");
    assertEquals(200, ready.status());
    Http.Response metrics = http.get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.body().contains("# TYPE"), metrics.body());
    assertTrue(metrics.body().contains("vertx_http_server"), "Vert.x HTTP server metrics are exported");
  }
}
