package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.dialect.imkit.ImkitClient;
import io.chatgw.gateway.dialect.mirage.MirageBadInput;
import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.Nginx;
import io.chatgw.gateway.support.TestGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped conf/nginx.conf, in a real nginx in front of two gateways on one PostgreSQL (README,
 * "nginx in front"): every dialect answers through it as directly, no credential reaches nginx's
 * access log, the gateway's own 414/431 get through, and one instance stopping under a loop of GETs
 * costs the client nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxTest {

  final List<BadInputDialect> dialects = BadInputTest.all();
  TestGateway a;
  TestGateway b;
  Nginx nginx;
  Http direct;
  Http proxied;

  @BeforeAll
  void start() throws Exception {
    a = TestGateway.start(UnaryOperator.identity());
    b = TestGateway.start(UnaryOperator.identity());
    nginx = Nginx.start(a.port(), b.port());
    direct = new Http(b.port());
    proxied = new Http(nginx.port());
    dialects.forEach(d -> d.load(direct));
  }

  @AfterAll
  void stop() throws Exception {
    proxied.close();
    direct.close();
    nginx.close();
    a.close();
    b.close();
  }

  @Test
  void everyDialectAnswersThroughNginxAsDirectly() {
    for (BadInputDialect d : dialects) {
      String uri = d.uri(d.room(), "");
      String[] headers = d.headers().toArray(String[]::new);
      Http.Response expected = direct.get(uri, headers);
      assertEquals(200, expected.status(), d.name() + " " + expected.body());
      for (int i = 0; i < 4; i++) { // round robin: both instances answer
        Http.Response response = proxied.get(uri, headers);
        d.ok().check(response);
        assertEquals(ImkitClient.withoutTook(expected.body()), ImkitClient.withoutTook(response.body()), d.name());
        assertEquals(expected.header("Content-Type"), response.header("Content-Type"), d.name());
        assertTrue(response.header("X-Request-Id") != null, d.name());
      }
    }
  }

  /** conf/nginx.conf's /v1/events and /v1/socket locations: an event goes through at once, unbuffered. */
  @Test
  void aLiveEventGetsThroughNginxOverSseAndWebSocket() {
    io.chatgw.gateway.support.Admin admin = new io.chatgw.gateway.support.Admin(direct);
    io.chatgw.gateway.support.Docs d = io.chatgw.gateway.support.Docs.newTenant("nginx-feed").user("u1", "alice")
        .room("r", 1, "u1");
    admin.load(d.json());
    String jwt = admin.tokens(d.tenant(), "u1").getString("jwt");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try (io.chatgw.gateway.support.SseClient sse = io.chatgw.gateway.support.SseClient.open(vertx, nginx.port(),
            "/v1/events?rooms=r", "Authorization", "Bearer " + jwt);
        io.chatgw.gateway.support.WsClient ws = io.chatgw.gateway.support.WsClient.connect(vertx, nginx.port(),
            "/v1/socket?access_token=" + jwt)) {
      sse.assertStatus(200);
      sse.startId();
      assertEquals("subscribed", ws.subscribe("r", null).getString("type"));
      admin.load(io.chatgw.gateway.support.Docs.forTenant(d.tenant())
          .message("through-nginx", "r", "u1", "hello via nginx", java.time.Instant.now()).json());
      java.time.Duration soon = java.time.Duration.ofSeconds(5);
      assertEquals("through-nginx", sse.next(soon).json().getString("id"));
      assertEquals("through-nginx", ws.next(soon).getJsonObject("message").getString("id"));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theImkitWebSdksUnderscoreHeaderGetsThrough() {
    BadInputDialect imkit = dialects.get(4);
    List<String> headers = new ArrayList<>(imkit.headers());
    headers.set(headers.indexOf("IM-CLIENT-KEY"), "CLIENT_KEY");
    String uri = imkit.uri(imkit.room(), "").replace("/messages/v3", "/messages");
    Http.Response response = proxied.get(uri, headers.toArray(String[]::new));
    assertEquals(200, response.status(), response.body());
  }

  @Test
  void noCredentialReachesNginxsAccessLog() throws Exception {
    BadInputDialect deadSimpleChat = dialects.get(1);
    String uri = deadSimpleChat.uri(deadSimpleChat.room(), "limit=5");
    String key = uri.replaceAll(".*[?&]auth=([^&]*).*", "$1");
    assertEquals(200, proxied.get(uri).status());
    List<String> secrets = new ArrayList<>(List.of(key));
    for (BadInputDialect d : dialects) {
      for (int i = 1; i < d.headers().size(); i += 2) {
        secrets.add(d.headers().get(i).replace("Bearer ", ""));
      }
      proxied.get(d.uri(d.room(), ""), d.headers().toArray(String[]::new));
    }
    String log = Eventually.eventually(Duration.ofSeconds(5), "nginx logged the requests", nginx::accessLog,
        l -> l.contains("/consumer/api/v1/chatRoom/") && l.contains("/rooms/"));
    for (String secret : secrets) {
      assertFalse(log.contains(secret), "a credential reached nginx's log:\n" + log);
    }
    assertFalse(log.contains("auth="), log);
  }

  @Test
  void theGatewaysOwn414And431GetThroughNotNginxsPages() {
    String longLine = "GET /api/get_room_messages?room_id=1&pad=" + "a".repeat(9000) + " HTTP/1.1\r\n"
        + "Host: gw\r\nConnection: close\r\n\r\n";
    assertOwnAnswer(414, direct.raw(longLine), proxied.raw(longLine));
    String bigHeaders = "GET /api/get_room_messages?room_id=1 HTTP/1.1\r\nHost: gw\r\nX-Pad: " + "b".repeat(17_000)
        + "\r\nConnection: close\r\n\r\n";
    assertOwnAnswer(431, direct.raw(bigHeaders), proxied.raw(bigHeaders));
  }

  private static void assertOwnAnswer(int status, Http.Response direct, Http.Response proxied) {
    assertEquals(status, direct.status());
    assertEquals(status, proxied.status(), proxied.body());
    assertEquals(direct.body(), proxied.body());
    assertFalse(proxied.body().contains("nginx") || proxied.body().contains("<html"), proxied.body());
  }

  /**
   * One of two instances drains and stops (Gateway.shutdown: 503 with Connection: close, then its
   * port closes) while clients loop on GETs through nginx: nginx moves each of those to the other
   * instance, and no GET fails at the client.
   */
  @Test
  void oneInstanceStopsUnderLoadAndNoGetFails() throws Exception {
    TestGateway leaving = TestGateway.start(UnaryOperator.identity());
    TestGateway staying = TestGateway.start(UnaryOperator.identity());
    MirageBadInput mirage = new MirageBadInput();
    try (Http setup = new Http(staying.port())) {
      mirage.load(setup);
    }
    String uri = mirage.uri(mirage.room(), "");
    String[] headers = mirage.headers().toArray(String[]::new);
    List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    try (Nginx pair = Nginx.start(leaving.port(), staying.port()); Http client = new Http(pair.port())) {
      for (int i = 0; i < 4; i++) {
        Thread t = new Thread(() -> {
          while (running.get()) {
            try {
              outcomes.add(String.valueOf(client.get(uri, headers).status()));
            } catch (RuntimeException e) {
              outcomes.add("FAILED " + e);
            }
          }
        }, "nginx-client-" + i);
        t.start();
        clients.add(t);
      }
      Thread.sleep(1000);
      int before = outcomes.size();
      leaving.gateway().shutdown(5_000).await();
      Thread.sleep(1000);
      running.set(false);
      for (Thread t : clients) {
        t.join(10_000);
      }
      List<String> failed = outcomes.stream().filter(o -> !o.equals("200")).toList();
      assertTrue(failed.isEmpty(), failed.size() + " of " + outcomes.size() + " GETs failed: "
          + failed.stream().distinct().limit(5).toList());
      assertTrue(before > 0 && outcomes.size() > before + 10, "GETs were served before and after: " + before
          + " then " + outcomes.size());
    } finally {
      running.set(false);
      staying.close();
      closeStopped(leaving);
    }
  }

  /** Its Vert.x is closed already by the shutdown; closing again must not fail the test. */
  private static void closeStopped(TestGateway gateway) {
    try {
      gateway.close();
    } catch (RuntimeException alreadyClosed) {
      // nothing left to release
    }
  }
}
