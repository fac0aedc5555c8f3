package io.chatgw.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.dialect.v1.Cursors;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.WsClient;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * native-api.md, "Live delivery over WebSocket": the same events as {@code {"type":"message",
 * "cursor","message"}} frames, subscribed and unsubscribed room by room; errors as {@code
 * {"type":"error","room","error"}} frames, never a crash; frames and subscriptions bounded.
 */
class SocketFeedTest extends FeedTestBase {

  WsClient socket(FeedRoom room) {
    return WsClient.connect(vertx, gateway.port(), "/v1/socket", "Authorization", "Bearer " + room.jwt());
  }

  @Test
  void aSubscribedRoomsChangesArriveAsMessageFramesUntilUnsubscribed() {
    FeedRoom room = FeedRoom.load(admin, "ws");
    try (WsClient ws = socket(room)) {
      JsonObject ack = ws.subscribe("r", null);
      assertEquals("subscribed", ack.getString("type"));
      assertEquals("r", ack.getString("room"));
      long start = Cursors.feed(ack.getString("cursor"), "cursor");

      room.say("m1", "hello");
      JsonObject frame = ws.next(SOON);
      assertEquals("message", frame.getString("type"));
      assertTrue(Cursors.feed(frame.getString("cursor"), "cursor") > start);
      assertEquals("m1", frame.getJsonObject("message").getString("id"));
      assertEquals("hello", frame.getJsonObject("message").getString("text"));

      room.put(FeedRoom.message("m1", "gone").put("deleted", true));
      assertEquals(true, ws.next(SOON).getJsonObject("message").getBoolean("deleted"));

      ws.send(new JsonObject().put("type", "unsubscribe").put("room", "r"));
      assertEquals("unsubscribed", ws.next(SOON).getString("type"));
      room.say("m2", "not sent");
      // resubscribing after the first frame's cursor replays what came since, exactly once
      JsonObject again = ws.subscribe("r", frame.getString("cursor"));
      assertEquals("subscribed", again.getString("type"));
      assertEquals("m1", ws.next(SOON).getJsonObject("message").getString("id"));
      assertEquals("m2", ws.next(SOON).getJsonObject("message").getString("id"));
    }
  }

  @Test
  void aFrameTheSessionCannotFollowGetsAnErrorFrameAndTheSocketLives() {
    FeedRoom room = FeedRoom.load(admin, "ws-bad");
    try (WsClient ws = socket(room)) {
      ws.sendText("not json");
      assertError(ws.next(SOON), null, "invalid_parameter");
      ws.send(new JsonObject().put("type", "dance").put("room", "r"));
      assertError(ws.next(SOON), "r", "invalid_parameter");
      ws.send(new JsonObject().put("type", "subscribe"));
      assertError(ws.next(SOON), null, "invalid_parameter");
      assertError(ws.subscribe("r", "not-a-cursor"), "r", "invalid_parameter");
      assertError(ws.subscribe("nowhere", null), "nowhere", "room_not_found");
      assertError(ws.subscribe("other", null), "other", "not_room_member");
      ws.send(new JsonObject().put("type", "unsubscribe").put("room", "r"));
      assertError(ws.next(SOON), "r", "invalid_parameter");
      assertEquals("subscribed", ws.subscribe("r", null).getString("type"));
      assertError(ws.subscribe("r", null), "r", "invalid_parameter");
      room.say("m", "still alive");
      assertEquals("m", ws.next(SOON).getJsonObject("message").getString("id"));
    }
  }

  @Test
  void aRoomOfAnotherTenantIsNotFoundOverTheSocket() {
    FeedRoom mine = FeedRoom.load(admin, "ws-iso-a");
    FeedRoom theirs = FeedRoom.load(admin, "ws-iso-b");
    admin.load(io.chatgw.gateway.support.Docs.forTenant(theirs.tenant()).room("theirs-only", 9, "u1").json());
    try (WsClient ws = socket(mine)) {
      assertError(ws.subscribe("theirs-only", null), "theirs-only", "room_not_found");
      assertEquals("subscribed", ws.subscribe("r", null).getString("type"));
      theirs.say("foreign", "not for you");
      mine.say("own", "for you");
      assertEquals("own", ws.next(SOON).getJsonObject("message").getString("id"));
    }
  }

  @Test
  void aFrameOverTheBoundClosesTheSocket() {
    FeedRoom room = FeedRoom.load(admin, "ws-big");
    try (WsClient ws = socket(room)) {
      ws.socket().writeTextMessage("{\"type\":\"subscribe\",\"room\":\"" + "x".repeat(
          gateway.config().feed().maxFrameBytes()) + "\"}");
      Eventually.eventually(SOON, "the socket is closed", () -> ws.closeStatus() != null);
    }
  }

  @Test
  void withoutACredentialTheUpgradeIs401() {
    UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class,
        () -> WsClient.connect(vertx, gateway.port(), "/v1/socket"));
    assertEquals(401, rejected.getStatus());
  }

  @Test
  void theAccessTokenParameterOpensASocketToo() {
    FeedRoom room = FeedRoom.load(admin, "ws-token");
    try (WsClient ws = WsClient.connect(vertx, gateway.port(), "/v1/socket?access_token=" + room.jwt())) {
      assertEquals("subscribed", ws.subscribe("r", null).getString("type"));
    }
  }

  static void assertError(JsonObject frame, String room, String code) {
    assertEquals("error", frame.getString("type"), frame.encode());
    assertEquals(room, frame.getString("room"), frame.encode());
    assertEquals(code, frame.getString("error"), frame.encode());
    assertTrue(frame.containsKey("room"), frame.encode());
  }
}
