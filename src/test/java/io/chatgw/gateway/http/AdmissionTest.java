package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.allmine.AllmineClient;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient;
import io.chatgw.gateway.dialect.imkit.ImkitClient;
import io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LimitedTenant;
import io.chatgw.gateway.support.TableLock;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11, admission control: with {@code http.maxInFlight} 1 and one history request held in
 * PostgreSQL (tenant A's Allmine read waits on a lock the test holds on {@code read_receipt}),
 * the next history request of every dialect is a 503 in that dialect's format with
 * {@code Retry-After: 1} at once, before its credential is looked at (made-up keys and tokens that
 * would be 401 do not reach the credential caches), counted in {@code /metrics} by cause; the
 * operator routes are not subject to it. Once the held request is answered, or its client closes
 * the connection, the place is free again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionTest {

  private TestGateway gateway;
  private Http http;
  private LimitedTenant a;
  private final ExecutorService callers = Executors.newFixedThreadPool(2);

  @BeforeAll
  void start() {
    gateway = TestGateway.start(c -> withMaxInFlight(c, 1).withDatabase(new GatewayConfig.Database(
        c.database().url(), 2, c.database().maxWaitQueueSize(), 10_000, 1, 8)));
    http = new Http(gateway.port());
    a = LimitedTenant.load(http, "admission", null);
  }

  @AfterAll
  void stop() {
    callers.shutdownNow();
    http.close();
    gateway.close();
  }

  static GatewayConfig withMaxInFlight(GatewayConfig c, int maxInFlight) {
    GatewayConfig.Http h = c.http();
    return c.withHttp(new GatewayConfig.Http(h.port(), h.maxInitialLineLength(), h.maxHeaderSize(),
        h.idleTimeoutSeconds(), h.shutdownGraceSeconds(), h.host(), h.h2c(), maxInFlight));
  }

  @Test
  void pastTheLimitEveryDialectAnswersItsOwn503BeforeLookingAtTheCredential() throws Exception {
    assertEquals(200, allmine(a.jwt()).status(), "served while nothing is held");
    awaitInFlight(0);
    long refusedBefore = metric("gateway_history_shed_total{cause=\"in_flight\"}");
    long unknownKeys = metric("gateway_credentials_unknown_total{kind=\"api_key\"}");
    long unknownSessions = metric("gateway_credentials_unknown_total{kind=\"session_token\"}");

    TableLock receipts = TableLock.hold(gateway, "read_receipt");
    CompletableFuture<Http.Response> held;
    try {
      held = CompletableFuture.supplyAsync(() -> allmine(a.jwt()), callers);
      awaitInFlight(1);

      refusedAtOnce(() -> mirage("made-up-session-token"), r -> assertBody(r, "{\"error\":\"service unavailable\"}"));
      refusedAtOnce(() -> http.get(DeadSimpleChatClient.path(TwoTenants.ROOM_ID, "auth=made-up-key")),
          r -> DeadSimpleChatClient.assertError(r, 503, "Service unavailable, please retry"));
      refusedAtOnce(() -> allmine("not.a.jwt"), r -> AllmineClient.assertError(r, 503, "Service unavailable"));
      refusedAtOnce(() -> http.get(MeetingLawyersClient.PATH + "?room=" + TwoTenants.ROOM_NUMBER,
              "Api-Key", "made-up-key", "Authorization", "Bearer not.a.jwt"),
          r -> MeetingLawyersClient.assertError(r, 503, "service unavailable"));
      refusedAtOnce(() -> http.get("/rooms/" + TwoTenants.ROOM_ID + "/messages/v3",
              "IM-CLIENT-KEY", "made-up-key", "IM-Authorization", "Bearer not.a.jwt"),
          r -> ImkitClient.assertError(r, 503, "Service Unavailable", "SERVICE_UNAVAILABLE",
              "The service is temporarily unavailable, please retry"));
      refusedAtOnce(() -> allmine(a.jwt()), r -> AllmineClient.assertError(r, 503, "Service unavailable"));

      assertEquals(200, http.get("/health/live").status(), "operator routes are not subject to it");
      assertEquals(refusedBefore + 6, metric("gateway_history_shed_total{cause=\"in_flight\"}"));
      assertEquals(unknownKeys, metric("gateway_credentials_unknown_total{kind=\"api_key\"}"),
          "a refused request's API key was looked at");
      assertEquals(unknownSessions, metric("gateway_credentials_unknown_total{kind=\"session_token\"}"),
          "a refused request's session token was looked at");
      assertEquals(1, metric("gateway_history_in_flight"));
      assertFalse(held.isDone(), "the held request still waits on the lock");
    } finally {
      receipts.release();
    }
    assertEquals(200, held.get(10, TimeUnit.SECONDS).status());
    awaitInFlight(0);
    assertEquals(401, mirage("made-up-session-token").status(), "admitted again: the lookup says unknown");
    // a request leaves the count when its answer is written, which the client may see a moment
    // before the gateway's end handler runs (the next request can come on another event loop)
    awaitInFlight(0);
    assertEquals(401, http.get(DeadSimpleChatClient.path(TwoTenants.ROOM_ID, "auth=made-up-key")).status());
    awaitInFlight(0); // failed requests leave the count too
    assertEquals(unknownSessions + 1, metric("gateway_credentials_unknown_total{kind=\"session_token\"}"));
  }

  @Test
  void aClientThatClosesItsConnectionMidRequestFreesItsPlace() throws Exception {
    awaitInFlight(0);
    TableLock receipts = TableLock.hold(gateway, "read_receipt");
    try {
      try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + AllmineClient.PATH + TwoTenants.ROOM_ID + " HTTP/1.1\r\nHost: gateway\r\n"
            + "Authorization: Bearer " + a.jwt() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitInFlight(1);
        assertEquals(503, mirage("made-up-session-token").status(), "the place is taken");
      }
      awaitInFlight(0); // while the store call still waits on the lock
      assertEquals(401, mirage("made-up-session-token").status(), "the next request is admitted");
    } finally {
      receipts.release();
    }
    awaitInFlight(0);
  }

  private void refusedAtOnce(java.util.function.Supplier<Http.Response> request, Consumer<Http.Response> check) {
    long start = System.nanoTime();
    Http.Response response = request.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    check.accept(response);
    assertEquals("1", response.header("Retry-After"), response.body());
    assertEquals(true, millis < 2_000, "refused after " + millis + " ms");
  }

  private static void assertBody(Http.Response response, String body) {
    assertEquals(503, response.status(), response.body());
    assertEquals(body, response.body());
  }

  private Http.Response allmine(String jwt) {
    return http.get(AllmineClient.PATH + TwoTenants.ROOM_ID, "Authorization", "Bearer " + jwt);
  }

  private Http.Response mirage(String token) {
    return http.get("/api/get_room_messages?room_id=" + TwoTenants.ROOM_NUMBER, "Authorization", token);
  }

  private void awaitInFlight(long expected) {
    Eventually.eventually(Duration.ofSeconds(10), "gateway_history_in_flight " + expected,
        () -> metric("gateway_history_in_flight"), value -> value == expected);
  }

  private long metric(String series) {
    return http.get("/metrics").body().lines().filter(line -> line.startsWith(series + " "))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(series.length() + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in /metrics"));
  }
}
