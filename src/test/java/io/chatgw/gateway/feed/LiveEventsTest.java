package io.chatgw.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.dialect.v1.Cursors;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.SseClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * native-api.md, "Live delivery": each change of a message in a listed room — new, edited,
 * deleted, reactions, receipts — is one event {@code id: <cursor>}, {@code event: message},
 * {@code data: <the native message>}; a room the caller may not read answers the whole request
 * with the native error before the stream starts.
 */
class LiveEventsTest extends FeedTestBase {

  SseClient events(FeedRoom room, String rooms) {
    return SseClient.open(vertx, gateway.port(), "/v1/events?rooms=" + rooms, "Authorization", "Bearer " + room.jwt());
  }

  @Test
  void eachChangeOfAMessageIsOneEventCarryingTheNativeMessage() {
    FeedRoom room = FeedRoom.load(admin, "feed-kinds");
    try (SseClient sse = events(room, "r")) {
      sse.assertStatus(200);
      assertEquals("text/event-stream; charset=utf-8", sse.header("Content-Type"));
      assertEquals("no-cache", sse.header("Cache-Control"));
      assertEquals("no", sse.header("X-Accel-Buffering"));
      String start = sse.startId();

      room.say("m1", "hello");
      SseClient.Event created = sse.next(SOON);
      assertEquals("message", created.event());
      JsonObject m = created.json();
      assertEquals("m1", m.getString("id"));
      assertEquals("r", m.getString("room"));
      assertEquals("hello", m.getString("text"));
      assertEquals("u2", m.getJsonObject("sender").getString("id"));
      assertEquals("bob", m.getJsonObject("sender").getString("username"));
      assertEquals("2026-01-01T10:00:00.000Z", m.getString("createdAt"));
      assertNull(m.getValue("deleted"));
      assertTrue(Cursors.feed(created.id(), "id") > Cursors.feed(start, "id"));

      room.put(FeedRoom.message("m1", "hello, edited").put("version", 1));
      SseClient.Event edited = sse.next(SOON);
      assertEquals("hello, edited", edited.json().getString("text"));
      assertEquals(1, edited.json().getInteger("version"));

      room.put(FeedRoom.message("m1", "hello, edited").put("reactions", FeedRoom.reactions("u1", "pray")));
      JsonObject reacted = sse.next(SOON).json();
      assertEquals("pray", reacted.getJsonArray("reactions").getJsonObject(0).getString("reaction"));
      assertEquals("u1", reacted.getJsonArray("reactions").getJsonObject(0).getString("user"));
      assertEquals("2026-01-01T10:01:00.000Z", reacted.getJsonArray("reactions").getJsonObject(0).getString("createdAt"));

      room.put(FeedRoom.message("m1", "hello, edited").put("readBy", FeedRoom.readBy("u1")));
      JsonObject read = sse.next(SOON).json();
      assertEquals("u1", read.getJsonArray("readBy").getJsonObject(0).getString("user"));
      assertEquals("2026-01-01T10:02:00.000Z", read.getJsonArray("readBy").getJsonObject(0).getString("readAt"));

      room.put(FeedRoom.message("m1", "hello, edited").put("deleted", true));
      SseClient.Event deleted = sse.next(SOON);
      assertEquals(true, deleted.json().getBoolean("deleted"));
      assertEquals("m1", deleted.json().getString("id"));

      List<Long> positions = List.of(created, edited).stream().map(e -> Cursors.feed(e.id(), "id")).toList();
      assertTrue(positions.get(0) < positions.get(1), positions.toString());
      sse.assertNoEvent(Duration.ofMillis(300));
    }
  }

  @Test
  void withoutACursorOnlyChangesCommittedAfterTheStreamStartedArrive() {
    FeedRoom room = FeedRoom.load(admin, "feed-fresh");
    room.say("before", "old news");
    try (SseClient sse = events(room, "r")) {
      sse.startId();
      room.say("after", "news");
      assertEquals("after", sse.next(SOON).json().getString("id"));
      sse.assertNoEvent(Duration.ofMillis(300));
    }
  }

  @Test
  void aChangeOfAnotherRoomOrAnotherTenantIsNotSent() {
    FeedRoom mine = FeedRoom.load(admin, "feed-mine");
    FeedRoom theirs = FeedRoom.load(admin, "feed-theirs");
    try (SseClient sse = events(mine, "r")) {
      sse.startId();
      theirs.say("foreign", "not for you");
      mine.put(FeedRoom.message("elsewhere", "other room").put("room", "other").put("sender", "u3"));
      mine.say("own", "for you");
      SseClient.Event only = sse.next(SOON);
      assertEquals("own", only.json().getString("id"));
      sse.assertNoEvent(Duration.ofMillis(300));
    }
  }

  @Test
  void aMessageHiddenByTheReaderIsNotSentToIt() {
    FeedRoom room = FeedRoom.load(admin, "feed-hide");
    try (SseClient sse = events(room, "r")) {
      sse.startId();
      room.put(FeedRoom.message("hidden", "not for u1").put("hiddenBy", new io.vertx.core.json.JsonArray().add("u1")));
      room.say("shown", "for u1");
      assertEquals("shown", sse.next(SOON).json().getString("id"));
    }
  }

  @Test
  void aRoomTheCallerMayNotReadAnswersTheWholeRequestBeforeTheStreamStarts() {
    FeedRoom mine = FeedRoom.load(admin, "feed-deny");
    FeedRoom theirs = FeedRoom.load(admin, "feed-deny-b");
    // another tenant's room has the same id "r": not found for this tenant's caller is "r" of its own,
    // so ask for a room id only the other tenant has
    theirs.put(FeedRoom.message("x", "x"));
    assertError(404, "room_not_found", events(mine, "r,nowhere"));
    assertError(403, "not_room_member", events(mine, "r,other"));
    assertError(401, "unauthorized", SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r"));
    assertError(401, "unauthorized", SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r",
        "Authorization", "Bearer not-a-token"));
    assertError(400, "invalid_parameter", events(mine, ""));
    assertError(400, "invalid_parameter", events(mine, "r,"));
    assertError(400, "invalid_parameter", events(mine, "r&lastEventId=zz"));
    assertError(400, "invalid_parameter", SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r",
        "Authorization", "Bearer " + mine.jwt(), "Last-Event-ID", "not-a-cursor"));
    StringBuilder many = new StringBuilder("r");
    for (int i = 0; i < gateway.config().feed().maxRooms(); i++) {
      many.append(",r").append(i);
    }
    assertError(400, "invalid_parameter", events(mine, many.toString()));
  }

  @Test
  void aRoomOfAnotherTenantIsNotFound() {
    FeedRoom mine = FeedRoom.load(admin, "feed-iso-a");
    FeedRoom theirs = FeedRoom.load(admin, "feed-iso-b");
    theirs.admin().load(io.chatgw.gateway.support.Docs.forTenant(theirs.tenant()).room("theirs-only", 9, "u1").json());
    assertError(404, "room_not_found", events(mine, "theirs-only"));
  }

  @Test
  void theAccessTokenParameterIsACredentialToo() {
    FeedRoom room = FeedRoom.load(admin, "feed-token");
    try (SseClient sse = SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r&access_token=" + room.jwt())) {
      sse.assertStatus(200);
      sse.startId();
      room.say("m", "via access_token");
      assertEquals("m", sse.next(SOON).json().getString("id"));
    }
    String session = admin.tokens(room.tenant(), "u1").getString("sessionToken");
    try (SseClient sse = SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r&access_token=" + session)) {
      sse.assertStatus(200);
    }
  }

  @Test
  void otherMethodsAre405() {
    Http.Response post = http.post("/v1/events?rooms=r", io.vertx.core.buffer.Buffer.buffer());
    assertEquals(405, post.status());
    assertEquals("GET", post.header("Allow"));
  }

  static void assertError(int status, String code, SseClient sse) {
    try (sse) {
      sse.assertStatus(status);
      assertEquals(code, sse.error().getString("error"));
      assertFalse(sse.error().getString("message").isBlank());
      assertNotEquals("text/event-stream; charset=utf-8", sse.header("Content-Type"));
    }
  }
}
