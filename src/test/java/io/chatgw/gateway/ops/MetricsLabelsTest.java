package io.chatgw.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.MetricsText;
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
    long before = seriesButGc(http.get("/metrics").body());
    sendMadeUpMethods(20, 1500);
    String after = http.get("/metrics").body();
    assertEquals(before, seriesButGc(after), "series after 1,500 more made-up method names");
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

  /** One request of each dialect's route shape, with a made-up id and no valid credential. */
  private static void historyRequests(String id) {
    String[] paths = {"/api/get_room_messages?room_id=" + id.length(), "/consumer/api/v1/chatRoom/" + id + "/messages",
        "/api/v1/messages/chat/" + id, "/chat/message?room_id=" + id.length(), "/rooms/" + id + "/messages/v3",
        "/rooms/" + id + "/messages"};
    for (String path : paths) {
      int status = http.get(path, "Authorization", "made-up-" + id).status();
      assertTrue(status >= 400 && status < 500, path + ": " + status);
    }
  }

  @Test
  void everyDialectHasItsLatencyHistogramAndMadeUpInputAddsNoSeries() {
    historyRequests("warm");
    http.get("/metrics"); // its own 200 is then counted already
    String metrics = http.get("/metrics").body();
    for (String dialect : new String[] {"mirage", "deadsimplechat", "allmine", "meetinglawyers", "imkit"}) {
      assertTrue(metrics.contains("gateway_history_seconds_bucket{dialect=\"" + dialect + "\",status=\"4xx\",le=\"0.05\"}"),
          dialect + " has its histogram:\n" + metrics.lines().filter(l -> l.startsWith("gateway_history")).toList());
    }
    long before = seriesButGc(metrics);
    for (int i = 0; i < 300; i++) {
      historyRequests("id-" + i + "-" + Integer.toString(i * 7919, 36));
    }
    String after = http.get("/metrics").body();
    assertEquals(before, seriesButGc(after), "series after 1,800 history requests with made-up ids and credentials: new "
        + after.lines().filter(l -> !l.startsWith("#") && !metrics.contains(l.replaceAll(" [^ ]+$", ""))).toList());
    assertFalse(after.contains("id-299"), "an id is a label value");
  }

  @Test
  void importedEntitiesAreCountedByKindAndDatabaseFailuresByCause() {
    String before = http.get("/metrics").body();
    new io.chatgw.gateway.support.Admin(http).load(io.chatgw.gateway.support.Docs.newTenant("metrics")
        .user("u1", "alice").room("r", 1, "u1")
        .message("m1", "r", "u1", "one", java.time.Instant.now().minusSeconds(60))
        .message("m2", "r", "u1", "two", java.time.Instant.now().minusSeconds(30)).json());
    String after = http.get("/metrics").body();
    String messages = "gateway_imported_entities_total{kind=\"messages\"}";
    String users = "gateway_imported_entities_total{kind=\"users\"}";
    assertEquals(2, MetricsText.value(after, messages) - MetricsText.value(before, messages), after);
    assertEquals(1, MetricsText.value(after, users) - MetricsText.value(before, users));
    assertTrue(after.contains("gateway_database_failures_total{cause=\"deadline\"}"), after);
    assertTrue(after.contains("gateway_database_failures_total{cause=\"unavailable\"}"));
  }

  @Test
  void theJvmAndTheProcessHaveTheirMeters() {
    String metrics = http.get("/metrics").body();
    for (String meter : new String[] {"jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
        "process_cpu_usage", "process_uptime_seconds", "process_files_open_files"}) {
      assertTrue(metrics.contains(meter), meter);
    }
  }

  private static void sendMadeUpMethods(int from, int to) {
    for (int i = from; i < to; i++) {
      int status = http.send(HttpMethod.valueOf("XQMETHOD" + Integer.toString(i, 36).toUpperCase()),
          "/health/live", null).status();
      assertTrue(status >= 400 && status < 500, "status " + status);
    }
  }

  /** The series but the JVM's GC pauses, which gain a series per collection cause the JVM meets (its own closed set). */
  private static long seriesButGc(String metrics) {
    return metrics.lines().filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("jvm_gc_")).count();
  }
}
