package io.chatgw.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.MetricsText;
import io.chatgw.gateway.support.SseClient;
import io.chatgw.gateway.support.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * native-api.md: "A listed room the caller may not read answers the whole request with the error
 * above" — also once the stream runs. A user removed from a room stops receiving it: an SSE stream
 * ends (its reconnect with the last event id is a 403), a WebSocket gets an error frame for the
 * room and keeps its socket; members who stay keep their streams.
 */
class FeedMembershipTest extends FeedTestBase {

  SseClient stream(String jwt, String lastEventId) {
    return lastEventId == null
        ? SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r", "Authorization", "Bearer " + jwt)
        : SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r", "Authorization", "Bearer " + jwt,
            "Last-Event-ID", lastEventId);
  }

  /** Imports room r with only u2 as its member: u1 is removed. */
  void removeU1(FeedRoom room) {
    admin.load(Docs.forTenant(room.tenant()).room("r", 1, "u2").json());
  }

  @Test
  void aRemovedMembersStreamEndsAndItsReconnectIs403WhileTheOtherMembersStreamGoesOn() {
    FeedRoom room = FeedRoom.load(admin, "revoked-sse");
    String bob = admin.tokens(room.tenant(), "u2").getString("jwt");
    try (SseClient alice = stream(room.jwt(), null); SseClient staying = stream(bob, null)) {
      alice.assertStatus(200);
      staying.assertStatus(200);
      room.say("m1", "both see this");
      String last = alice.next(SOON).id();
      assertEquals("m1", staying.next(SOON).json().getString("id"));

      double open = MetricsText.value(http, "gateway_feed_subscribers");
      removeU1(room);
      Eventually.eventually(SOON, "alice's stream has ended", alice::ended);
      // the ended stream gives its subscriber slot back (the client has not closed its connection)
      Eventually.eventually(SOON, "the ended stream's slot is free", () -> MetricsText.value(http,
          "gateway_feed_subscribers"), n -> n == open - 1);
      try (SseClient again = stream(room.jwt(), last)) {
        again.assertStatus(403);
        assertEquals("not_room_member", again.error().getString("error"));
      }
      room.say("m2", "only bob");
      assertEquals("m2", staying.next(SOON).json().getString("id"));
      assertEquals(false, staying.ended());
    }
  }

  @Test
  void aRemovedMembersSocketGetsAnErrorFrameForTheRoomAndStaysOpen() {
    FeedRoom room = FeedRoom.load(admin, "revoked-ws");
    try (WsClient ws = WsClient.connect(vertx, gateway.port(), "/v1/socket", "Authorization", "Bearer " + room.jwt())) {
      assertEquals("subscribed", ws.subscribe("r", null).getString("type"));
      room.say("m1", "seen");
      assertEquals("m1", ws.next(SOON).getJsonObject("message").getString("id"));

      removeU1(room);
      JsonObject error = ws.next(SOON);
      assertEquals("error", error.getString("type"), error.encode());
      assertEquals("r", error.getString("room"));
      assertEquals("not_room_member", error.getString("error"));

      room.say("m2", "not for alice");
      JsonObject next = ws.subscribe("r", null);
      assertEquals("error", next.getString("type"), "the room is not followed any more: " + next.encode());
      assertEquals("not_room_member", next.getString("error"));
      assertNull(ws.closeStatus(), "the socket stays open");
    }
  }
}
