package io.chatgw.gateway.dialect.imkit;

import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertNotMember;
import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertRoomNotFound;
import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertUnauthorized;
import static io.chatgw.gateway.dialect.imkit.ImkitClient.withoutTook;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md §5: the vendor's web SDK calls {@code GET /rooms/{id}/messages} (no {@code /v3}) with
 * the key in {@code CLIENT_KEY}; it gets the v3 route's answers. {@code IM-CLIENT-KEY} wins when both
 * headers are sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitWebSdkAliasTest {

  Http http;
  ImkitClient member;
  ImkitClient outsider;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Instant t = Instant.parse("2024-03-01T10:00:00Z");
    Docs docs = Docs.newTenant("imkit-sdk").user("u1", "u1").user("out", "out").room("room-a", 1, "u1")
        .message("a1", "room-a", "u1", "one", t).message("a2", "room-a", "u1", "two", t.plusSeconds(1))
        .message("a3", "room-a", "u1", "three", t.plusSeconds(2));
    member = ImkitClient.load(http, docs, "u1");
    outsider = member.as("out");
  }

  @AfterAll
  void close() {
    http.close();
  }

  /** The web SDK's {@code getRoomMessages}: the alias path, {@code CLIENT_KEY}, the JWT in {@code IM-Authorization}. */
  Http.Response sdk(ImkitClient client, String path, String key) {
    return http.get(path, "CLIENT_KEY", key, "IM-Authorization", client.jwt);
  }

  @Test
  void theWebSdkRequestAnswersTheV3Body() {
    Http.Response v3 = member.get("room-a", "limit=2");
    assertEquals(200, v3.status(), v3.body());
    Http.Response sdk = sdk(member, "/rooms/room-a/messages?limit=2", member.key);
    assertEquals(200, sdk.status(), sdk.body());
    assertEquals(withoutTook(v3.body()), withoutTook(sdk.body()));
    assertEquals(v3.header("Content-Type"), sdk.header("Content-Type"));
    assertEquals(2, ImkitClient.ids(sdk).size());
  }

  @Test
  void eachHeaderOnEachPath() {
    String v3 = withoutTook(member.get("room-a", null).body());
    assertEquals(v3, withoutTook(sdk(member, "/rooms/room-a/messages/v3", member.key).body()));
    assertEquals(v3, withoutTook(http.get("/rooms/room-a/messages", "IM-CLIENT-KEY", member.key,
        "IM-Authorization", member.jwt).body()));
    assertEquals(v3, withoutTook(sdk(member, "/rooms/room-a/messages/", member.key).body()), "trailing slash");
  }

  @Test
  void theSameChecksInTheSameOrder() {
    assertUnauthorized(sdk(member, "/rooms/room-a/messages", "not-a-key"));
    assertUnauthorized(http.get("/rooms/room-a/messages", "IM-Authorization", member.jwt));
    assertRoomNotFound(sdk(member, "/rooms/nope/messages", member.key));
    assertNotMember(sdk(outsider, "/rooms/room-a/messages", member.key));
    ImkitClient.assertBadRequest(sdk(member, "/rooms/room-a/messages?limit=0", member.key),
        ImkitChecksTest.LIMIT_TEXT);
    Http.Response post = http.send(HttpMethod.POST, "/rooms/room-a/messages", Buffer.buffer("{}"));
    assertEquals(405, post.status());
    assertEquals("GET, HEAD", post.header("Allow"));
    Http.Response head = http.send(HttpMethod.HEAD, "/rooms/room-a/messages", null,
        "CLIENT_KEY", member.key, "IM-Authorization", member.jwt);
    assertEquals(200, head.status());
  }

  @Test
  void imClientKeyWinsWhenBothAreSent() {
    assertEquals(200, http.get("/rooms/room-a/messages", "IM-CLIENT-KEY", member.key, "CLIENT_KEY", "not-a-key",
        "IM-Authorization", member.jwt).status());
    assertUnauthorized(http.get("/rooms/room-a/messages", "IM-CLIENT-KEY", "not-a-key", "CLIENT_KEY", member.key,
        "IM-Authorization", member.jwt));
  }
}
