package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.SseClient;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md "Browsers": with allowed origins configured, a preflight on every history route (and
 * the live feed's {@code /v1/events}) from
 * one of them is 204, allowing GET and the route's credential headers, and answers to it carry
 * {@code Access-Control-Allow-Origin} and {@code Vary: Origin}; another origin, or no origins
 * configured, gets no CORS header and the path's 405 for OPTIONS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTest {

  static final String ALLOWED = "https://chat.example.com";
  static final String OTHER = "https://evil.example.net";

  /** Each history route (a path of it) and the credential headers its preflight must allow. */
  static final Map<String, List<String>> ROUTES = Map.of(
      "/api/get_room_messages?room_id=1", List.of("authorization"),
      "/consumer/api/v1/chatRoom/r1/messages?auth=k", List.of(),
      "/api/v1/messages/chat/c1", List.of("authorization"),
      "/chat/message?room=1", List.of("api-key", "authorization"),
      "/rooms/r1/messages/v3", List.of("im-client-key", "im-authorization"),
      "/rooms/r1/messages?limit=5", List.of("client_key", "im-authorization"),
      "/v1/rooms/r1/messages", List.of("authorization"),
      // the live feed's SSE route: an EventSource on another origin (unauthenticated here: a 401 answer)
      "/v1/events?rooms=r1", List.of("authorization", "last-event-id"));

  TestGateway cors;
  Http http;
  Http plain;

  @BeforeAll
  void start() {
    cors = TestGateway.start(c -> c.withHttp(c.http().withCors(List.of(ALLOWED, "http://localhost:3000"))));
    http = new Http(cors.port());
    plain = new Http(TestGateway.shared().port());
  }

  @AfterAll
  void stop() {
    http.close();
    plain.close();
    cors.close();
  }

  static Http.Response preflight(Http client, String path, String origin, List<String> headers) {
    return client.send(HttpMethod.OPTIONS, path, null, "Origin", origin, "Access-Control-Request-Method", "GET",
        "Access-Control-Request-Headers", String.join(",", headers));
  }

  @Test
  void aPreflightFromAnAllowedOriginIs204AllowingGetAndTheCredentialHeaders() {
    ROUTES.forEach((path, credentials) -> {
      Http.Response response = preflight(http, path, ALLOWED, credentials);
      assertEquals(204, response.status(), path);
      assertEquals(ALLOWED, response.header("Access-Control-Allow-Origin"), path);
      assertEquals("Origin", response.header("Vary"), path);
      assertTrue(response.header("Access-Control-Allow-Methods").contains("GET"), path);
      List<String> allowed = List.of(response.header("Access-Control-Allow-Headers").toLowerCase(Locale.ROOT).split(","));
      assertTrue(allowed.containsAll(credentials), path + " allows " + allowed);
      assertTrue(allowed.contains("x-request-id"), path);
      assertEquals("600", response.header("Access-Control-Max-Age"), path);
      assertNull(response.header("Access-Control-Allow-Credentials"), "no cookies are involved");
    });
  }

  @Test
  void answersToAnAllowedOriginCarryAllowOriginAndVaryErrorsIncluded() {
    ROUTES.keySet().forEach(path -> {
      Http.Response response = http.get(path, "Origin", "http://localhost:3000");
      assertEquals(http.get(path).status(), response.status(), path);
      assertEquals("http://localhost:3000", response.header("Access-Control-Allow-Origin"), path);
      assertEquals("Origin", response.header("Vary"), path);
      assertTrue(response.header("Access-Control-Expose-Headers").contains("X-Request-Id"), path);
    });
  }

  @Test
  void anOpenEventStreamToAnAllowedOriginCarriesAllowOrigin() {
    Docs d = Docs.newTenant("cors-feed").user("u1", "alice").room("r", 1, "u1");
    Admin admin = new Admin(http);
    admin.load(d.json());
    String jwt = admin.tokens(d.tenant(), "u1").getString("jwt");
    Vertx vertx = Vertx.vertx();
    try (SseClient stream = SseClient.open(vertx, cors.port(), "/v1/events?rooms=r", "Authorization", "Bearer " + jwt,
        "Origin", ALLOWED)) {
      stream.assertStatus(200);
      assertEquals(ALLOWED, stream.header("Access-Control-Allow-Origin"));
      assertEquals("Origin", stream.header("Vary"));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void anotherOriginGetsNoCorsHeaderAndIsAnsweredAsWithoutCors() {
    ROUTES.forEach((path, credentials) -> {
      assertAnsweredWithoutCors(preflight(http, path, OTHER, credentials), path);
      Http.Response get = http.get(path, "Origin", OTHER);
      assertEquals(http.get(path).status(), get.status(), path);
      assertNoCorsHeader(get, path);
      assertNoCorsHeader(http.get(path, "Origin", "null"), path);
      assertNoCorsHeader(http.get(path, "Origin", ALLOWED.toUpperCase(Locale.ROOT)), path);
    });
  }

  @Test
  void withoutOriginsConfiguredNoCorsHeaderAndOptionsIs405() {
    ROUTES.forEach((path, credentials) -> {
      Http.Response options = preflight(plain, path, ALLOWED, credentials);
      assertAnsweredWithoutCors(options, path);
      assertNull(options.header("Vary"), path);
      assertNoCorsHeader(plain.get(path, "Origin", ALLOWED), path);
    });
  }

  @Test
  void operatorRoutesHaveNoCors() {
    Http.Response response = preflight(http, "/health/live", ALLOWED, List.of());
    assertEquals(405, response.status());
    assertNoCorsHeader(response, "/health/live");
  }

  /** A preflight answered as on a server without CORS: the path's 405, no CORS header. */
  static void assertAnsweredWithoutCors(Http.Response options, String path) {
    assertEquals(405, options.status(), path);
    assertEquals(path.startsWith("/v1/events") ? "GET" : "GET, HEAD", options.header("Allow"), path);
    assertNoCorsHeader(options, path);
  }

  static void assertNoCorsHeader(Http.Response response, String path) {
    response.headers().names().forEach(name ->
        assertTrue(!name.toLowerCase(Locale.ROOT).startsWith("access-control-"), path + " has " + name));
  }
}
