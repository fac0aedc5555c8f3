package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** dialects.md §3: Allmine, GET /api/v1/messages/chat/{chatId} — the shape of a 200, exactly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllmineTest {

  static final String AVATAR = "https://cdn.example.com/uploads/profile.jpg";

  Http http;
  AllmineClient allmine;
  Docs data;
  String jwt;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    allmine = new AllmineClient(http);
    data = Docs.newTenant("allmine")
        .user(new JsonObject().put("id", "u2").put("username", "jane").put("availabilityStatus", "busy"))
        .user(new JsonObject().put("id", "u1").put("username", "john").put("avatarUrl", AVATAR)
            .put("availabilityStatus", "available"))
        .user(new JsonObject().put("id", "u10").put("username", "ten").put("availabilityStatus", "away"))
        .user(new JsonObject().put("id", "U3").put("username", "upper").put("avatarUrl", ""))
        .user("outsider", "outsider")
        .room("chat-1", 1, "u2", "u1", "u10", "U3")
        .room("empty", 2, "u1")
        .message(new JsonObject().put("id", "m-plain").put("room", "chat-1").put("sender", "u1")
            .put("text", "Hello there!").put("createdAt", "2024-01-15T10:30:00.000Z"))
        .message(new JsonObject().put("id", "m-media").put("room", "chat-1").put("sender", "u2")
            .put("type", "image").put("text", "look")
            .put("attachment", new JsonObject().put("id", "att-1")
                .put("url", "https://cdn.example.com/message/file.jpg").put("name", "file.jpg")
                .put("size", 102400).put("contentType", "image/jpeg").put("kind", "image")
                .put("width", 1920).put("height", 1080).put("durationSeconds", 60)
                .put("thumbnailUrl", "https://cdn.example.com/message/file-thumb.jpg"))
            .put("readBy", new JsonArray()
                .add(new JsonObject().put("user", "u1").put("readAt", "2024-01-15T10:35:00.000Z"))
                .add(new JsonObject().put("user", "U3").put("readAt", "2024-01-15T10:33:00.000Z")))
            .put("createdAt", "2024-01-15T10:31:00.005Z").put("updatedAt", "2024-01-15T10:40:59.999Z"))
        .message(new JsonObject().put("id", "m-credit").put("room", "chat-1").put("sender", "u1")
            .put("type", "credit_transfer")
            .put("creditTransfer", new JsonObject().put("senderId", "u1").put("recipientId", "u2").put("amount", 25))
            .put("createdAt", "2024-01-15T10:32:00.000Z"))
        .message(new JsonObject().put("id", "m-file").put("room", "chat-1").put("sender", "u10")
            .put("type", "file").put("text", "")
            .put("attachment", new JsonObject().put("url", "https://cdn.example.com/doc.pdf")
                .put("contentType", "application/pdf"))
            .put("createdAt", "2024-01-15T10:33:00.000Z"))
        .message(new JsonObject().put("id", "m-deleted").put("room", "chat-1").put("sender", "u1")
            .put("text", "gone").put("deleted", true).put("createdAt", "2024-01-15T10:34:00.000Z"));
    new Admin(http).load(data.json());
    jwt = new Admin(http).tokens(data.tenant(), "u1").getString("jwt");
  }

  @AfterAll
  void close() {
    http.close();
  }

  static String photoId(String userId, String url) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5")
          .digest((userId + "\n" + url).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md5).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String PARTICIPANTS = "\"participants\":["
      + "{\"_id\":\"U3\",\"username\":\"upper\",\"availabilityStatus\":\"offline\"},"
      + "{\"_id\":\"u1\",\"username\":\"john\",\"profilePhoto\":{\"_id\":\"" + photoId("u1", AVATAR)
      + "\",\"url\":\"" + AVATAR + "\",\"type\":\"image\"},\"availabilityStatus\":\"available\"},"
      + "{\"_id\":\"u10\",\"username\":\"ten\",\"availabilityStatus\":\"away\"},"
      + "{\"_id\":\"u2\",\"username\":\"jane\",\"availabilityStatus\":\"busy\"}]";

  @Test
  void aPageIsTheNewestMessagesNewestFirstWithParticipantsAndTotalsInTheVendorsShape() {
    Http.Response response = allmine.bearer("chat-1", "", jwt);
    assertEquals(200, response.status(), response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    assertEquals("{\"messages\":["
        + "{\"_id\":\"m-file\",\"chatId\":\"chat-1\",\"senderId\":\"u10\",\"type\":\"file\",\"content\":\"\","
        + "\"media\":{\"url\":\"https://cdn.example.com/doc.pdf\",\"type\":\"file\"},"
        + "\"readBy\":[],\"createdAt\":\"2024-01-15T10:33:00.000Z\",\"updatedAt\":\"2024-01-15T10:33:00.000Z\"},"
        + "{\"_id\":\"m-credit\",\"chatId\":\"chat-1\",\"senderId\":\"u1\",\"type\":\"credit_transfer\",\"content\":\"\","
        + "\"creditTransfer\":{\"amount\":25,\"recipientId\":\"u2\",\"senderId\":\"u1\"},"
        + "\"readBy\":[],\"createdAt\":\"2024-01-15T10:32:00.000Z\",\"updatedAt\":\"2024-01-15T10:32:00.000Z\"},"
        + "{\"_id\":\"m-media\",\"chatId\":\"chat-1\",\"senderId\":\"u2\",\"type\":\"image\",\"content\":\"look\","
        + "\"media\":{\"url\":\"https://cdn.example.com/message/file.jpg\",\"type\":\"image\",\"name\":\"file.jpg\","
        + "\"size\":102400,\"duration\":60,\"width\":1920,\"height\":1080,"
        + "\"thumbnail_url\":\"https://cdn.example.com/message/file-thumb.jpg\"},"
        + "\"readBy\":[\"U3\",\"u1\"],\"createdAt\":\"2024-01-15T10:31:00.005Z\",\"updatedAt\":\"2024-01-15T10:40:59.999Z\"},"
        + "{\"_id\":\"m-plain\",\"chatId\":\"chat-1\",\"senderId\":\"u1\",\"type\":\"text\",\"content\":\"Hello there!\","
        + "\"readBy\":[],\"createdAt\":\"2024-01-15T10:30:00.000Z\",\"updatedAt\":\"2024-01-15T10:30:00.000Z\"}"
        + "]," + PARTICIPANTS
        + ",\"page\":1,\"limit\":20,\"total\":4,\"totalPages\":1,\"hasNextPage\":false,\"hasPreviousPage\":false}",
        response.body());
  }

  @Test
  void anEmptyChatAnswersNoMessagesAndZeroPages() {
    Http.Response response = allmine.bearer("empty", "", jwt);
    assertEquals(200, response.status(), response.body());
    assertEquals("{\"messages\":[],\"participants\":[{\"_id\":\"u1\",\"username\":\"john\",\"profilePhoto\":"
        + "{\"_id\":\"" + photoId("u1", AVATAR) + "\",\"url\":\"" + AVATAR + "\",\"type\":\"image\"},"
        + "\"availabilityStatus\":\"available\"}],"
        + "\"page\":1,\"limit\":20,\"total\":0,\"totalPages\":0,\"hasNextPage\":false,\"hasPreviousPage\":false}",
        response.body());
  }

  @Test
  void participantsAreEveryMemberOrderedByUserIdWithAProfilePhotoOnlyForAnAvatar() {
    JsonArray participants = allmine.bearer("chat-1", "", jwt).json().getJsonArray("participants");
    assertEquals(4, participants.size());
    assertTrue(participants.getJsonObject(1).containsKey("profilePhoto"));
    for (int i : new int[] {0, 2, 3}) {
      assertFalse(participants.getJsonObject(i).containsKey("profilePhoto"), "no avatar, or an empty one");
    }
    assertTrue(allmine.bearer("chat-1", "", jwt).body().contains(PARTICIPANTS));
  }

  @Test
  void theProfilePhotoIdIsStableAndChangesWithTheAvatar() {
    String first = photo(allmine.bearer("chat-1", "", jwt));
    assertEquals(first, photo(allmine.bearer("chat-1", "", jwt)));
    assertTrue(first.matches("[0-9a-f]{24}"), first);
    Docs other = Docs.newTenant("allmine-photo")
        .user(new JsonObject().put("id", "u1").put("username", "john").put("avatarUrl", AVATAR + "?v=2"))
        .room("chat-1", 1, "u1");
    new Admin(http).load(other.json());
    String otherJwt = new Admin(http).tokens(other.tenant(), "u1").getString("jwt");
    assertEquals(photoId("u1", AVATAR + "?v=2"), photo(allmine.bearer("chat-1", "", otherJwt)));
  }

  /** The profilePhoto id of participant u1. */
  static String photo(Http.Response response) {
    JsonArray participants = response.json().getJsonArray("participants");
    for (int i = 0; i < participants.size(); i++) {
      if ("u1".equals(participants.getJsonObject(i).getString("_id"))) {
        return participants.getJsonObject(i).getJsonObject("profilePhoto").getString("_id");
      }
    }
    throw new AssertionError("no participant u1 in " + response.body());
  }

  @Test
  void theBareTokenWithoutBearerIsAcceptedToo() {
    Http.Response bearer = allmine.bearer("chat-1", "", jwt);
    assertEquals(bearer.body(), allmine.get("chat-1", "", jwt).body());
    assertEquals(bearer.body(), allmine.get("chat-1", "", "bearer " + jwt).body());
  }

  @Test
  void deletedMessagesAreLeftOutOfThePageAndTheTotal() {
    JsonObject body = allmine.bearer("chat-1", "", jwt).json();
    assertFalse(body.encode().contains("m-deleted"));
    assertEquals(4, body.getLong("total"));
  }

  @Test
  void unknownMediaAndCreditTransferMembersAreLeftOutAndFractionsKept() {
    Docs d = Docs.newTenant("allmine-partial").user("u1", "john").room("chat", 1, "u1")
        .message(new JsonObject().put("id", "m1").put("room", "chat").put("sender", "u1").put("type", "audio")
            .put("attachment", new JsonObject().put("url", "https://cdn.example.com/a.ogg")
                .put("contentType", "audio/ogg").put("durationSeconds", 2.5))
            .put("creditTransfer", new JsonObject().put("amount", 12.5))
            .put("createdAt", "2024-01-15T10:30:00.000Z"));
    new Admin(http).load(d.json());
    String token = new Admin(http).tokens(d.tenant(), "u1").getString("jwt");
    Http.Response response = allmine.bearer("chat", "", token);
    assertEquals(200, response.status(), response.body());
    assertTrue(response.body().startsWith("{\"messages\":[{\"_id\":\"m1\",\"chatId\":\"chat\",\"senderId\":\"u1\","
        + "\"type\":\"audio\",\"content\":\"\",\"media\":{\"url\":\"https://cdn.example.com/a.ogg\",\"type\":\"audio\","
        + "\"duration\":2.5},\"creditTransfer\":{\"amount\":12.5},\"readBy\":[],"
        + "\"createdAt\":\"2024-01-15T10:30:00.000Z\",\"updatedAt\":\"2024-01-15T10:30:00.000Z\"}],"), response.body());
  }

  @Test
  void theChatIdIsPercentDecodedAsUtf8() {
    Docs odd = Docs.newTenant("allmine-ids").user("u1", "john")
        .room("chat one+\u00e9/x?", 1, "u1").room("plain", 2, "u1");
    new Admin(http).load(odd.json());
    String token = new Admin(http).tokens(odd.tenant(), "u1").getString("jwt");
    Http.Response encoded = allmine.bearer("chat%20one+%C3%A9%2Fx%3F", "", token);
    assertEquals(200, encoded.status(), encoded.body());
    assertEquals(200, allmine.bearer("%70lain", "", token).status());
  }

  @Test
  void aPathWithMoreSegmentsIsAnUnknownPath() {
    Http.Response response = allmine.bearer("chat-1/more", "", jwt);
    assertEquals(404, response.status());
    assertEquals("{\"error\":\"not found\"}", response.body());
    assertEquals(404, allmine.bearer("", "", jwt).status());
  }

  @Test
  void everyResponseCarriesARequestId() {
    assertEquals("allmine-req-1", http.get(AllmineClient.PATH + "chat-1", "Authorization", "Bearer " + jwt,
        "X-Request-Id", "allmine-req-1").header("X-Request-Id"));
    assertEquals("allmine-req-2", http.get(AllmineClient.PATH + "chat-1",
        "X-Request-Id", "allmine-req-2").header("X-Request-Id"));
  }

  @Test
  void anotherMethodIs405WithAllow() {
    Http.Response response = http.send(io.vertx.core.http.HttpMethod.POST, AllmineClient.PATH + "chat-1", null,
        "Authorization", "Bearer " + jwt);
    assertEquals(405, response.status());
    assertEquals("GET, HEAD", response.header("Allow"));
  }
}
