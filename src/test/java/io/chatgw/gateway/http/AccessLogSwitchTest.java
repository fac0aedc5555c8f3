package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LogCapture;
import io.chatgw.gateway.support.TestGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code http.accessLog}: on by default, one line per request; false, no access line at all. */
class AccessLogSwitchTest {

  @Test
  void theAccessLogCanBeTurnedOff() throws InterruptedException {
    try (LogCapture captured = LogCapture.of("access");
        TestGateway quiet = TestGateway.start(c -> c.withHttp(c.http().withAccessLog(false)));
        Http off = new Http(quiet.port()); Http on = new Http(TestGateway.shared().port())) {
      assertTrue(TestGateway.shared().config().http().accessLog(), "the default");
      for (String path : List.of("/health/live", "/nope", "/api/get_room_messages?room_id=1")) {
        off.get(path, RequestIds.HEADER, "switch-off-" + path.length());
        on.get(path, RequestIds.HEADER, "switch-on-" + path.length());
      }
      Thread.sleep(300); // the access log is written by logback's async appender
      List<String> lines = captured.lines();
      assertEquals(3, lines.stream().filter(l -> l.contains("switch-on-")).count(), lines.toString());
      assertEquals(0, lines.stream().filter(l -> l.contains("switch-off-")).count(), lines.toString());
    }
  }
}
