package io.chatgw.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.http.HttpMethod;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /metrics cannot be grown by clients: a method name nobody defined is counted as OTHER, so the
 * number of series stays what it was however many different names arrive (issue 9, finding 1:
 * each made-up name used to add about 11 series, and 1,250 long ones ended the process).
 */
class MetricsLabelsTest {

  private static TestGateway gateway;
  private static Http http;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(UnaryOperator.identity());
    http = new Http(gateway.port());
  }

  @AfterAll
  static void stop() {
    http.close();
    gateway.close();
  }

  @Test
  void madeUpMethodNamesAddNoSeries() {
    sendMadeUpMethods(0, 20);
    long before = series(http.get("/metrics").body());
    sendMadeUpMethods(20, 1500);
    String after = http.get("/metrics").body();
    assertEquals(before, series(after), "series after 1,500 more made-up method names");
    assertFalse(after.contains("XQMETHOD"), "a made-up method name is a label value");
    assertTrue(after.contains("method=\"OTHER\""), "made-up methods are counted as OTHER");
  }

  @Test
  void aLongMadeUpMethodIsCountedAsOther() {
    char[] name = new char[4000];
    Arrays.fill(name, 'Q');
    int status = http.send(HttpMethod.valueOf(new String(name)), "/health/live", null).status();
    assertTrue(status >= 400 && status < 500, "status " + status);
    assertFalse(http.get("/metrics").body().contains("QQQQQQQQ"));
  }

  @Test
  void knownMethodsKeepTheirOwnLabel() {
    http.send(HttpMethod.DELETE, "/health/live", null);
    assertTrue(http.get("/metrics").body().contains("method=\"DELETE\""));
  }

  private static void sendMadeUpMethods(int from, int to) {
    for (int i = from; i < to; i++) {
      int status = http.send(HttpMethod.valueOf("XQMETHOD" + Integer.toString(i, 36).toUpperCase()),
          "/health/live", null).status();
      assertTrue(status >= 400 && status < 500, "status " + status);
    }
  }

  private static long series(String metrics) {
    return metrics.lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
  }
}
