package io.chatgw.gateway.dialect.mirage;

import static io.chatgw.gateway.dialect.mirage.MirageClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.json.TimeFormats;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dialects.md §1: Mirage, GET /api/get_room_messages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirageTest {


  Http http;
  Admin admin;
  Instant now;
  Docs data;
  String token;
  String jwt;
  String outsiderToken;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    data = Docs.newTenant("mirage")
        .user("u1", "john_doe").user("u2", "jane_smith").user("u3", "outsider")
        .room("r42", 42, "u1", "u2").room("r43", 43, "u1").room("r44", 44, "u3")
        .message("m1", "r42", "u1", "Hello everyone!", now.minusSeconds(60))
        .message("m2", "r42", "u2", "Hi John!", now.minusSeconds(30))
        .message(new JsonObject().put("id", "m3").put("room", "r42").put("sender", "u2")
            .put("createdAt", now.minusSeconds(20).toString())
            .put("attachment", new JsonObject().put("url", "https://cdn.example/a.png")))
        .message(new JsonObject().put("id", "m4").put("room", "r42").put("sender", "u2")
            .put("createdAt", now.minusSeconds(10).toString()))
        .message(new JsonObject().put("id", "m5").put("room", "r42").put("sender", "u1")
            .put("text", "deleted").put("deleted", true).put("createdAt", now.minusSeconds(5).toString()));
    admin.load(data.json());
    JsonObject tokens = admin.tokens(data.tenant(), "u1");
    token = tokens.getString("sessionToken");
    jwt = tokens.getString("jwt");
    outsiderToken = admin.tokens(data.tenant(), "u3").getString("sessionToken");
  }

  @AfterAll
  void close() {
    http.close();
  }

  Http.Response get(String roomId, String authorization) {
    return new MirageClient(http).get(roomId, authorization);
  }

  static String seconds(Instant t) {
    return TimeFormats.unixSecondsWithMillis(t.toEpochMilli());
  }

  @Test
  void membersGetTheRoomsMessagesInStoredOrderInTheSeedsShape() {
    Http.Response response = get("42", token);
    assertEquals(200, response.status());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    assertEquals("{\"messages\":["
        + "{\"username\":\"john_doe\",\"message\":\"Hello everyone!\",\"created_at\":" + seconds(now.minusSeconds(60)) + ",\"room_id\":42},"
        + "{\"username\":\"jane_smith\",\"message\":\"Hi John!\",\"created_at\":" + seconds(now.minusSeconds(30)) + ",\"room_id\":42},"
        + "{\"username\":\"jane_smith\",\"message\":\"https://cdn.example/a.png\",\"created_at\":" + seconds(now.minusSeconds(20)) + ",\"room_id\":42},"
        + "{\"username\":\"jane_smith\",\"message\":\"\",\"created_at\":" + seconds(now.minusSeconds(10)) + ",\"room_id\":42}"
        + "]}", response.body());
  }

  @Test
  void createdAtIsPlainDecimalSecondsWithThreeDecimals() {
    JsonArray messages = get("42", token).json().getJsonArray("messages");
    String body = get("42", token).body();
    assertTrue(body.matches(".*\"created_at\":\\d{10}\\.\\d{3},.*"), body);
    assertTrue(!body.contains("E9") && !body.contains("e9"), body);
    assertEquals(now.minusSeconds(60).toEpochMilli() / 1000.0, messages.getJsonObject(0).getDouble("created_at"), 0.0005);
  }

  @Test
  void aBearerPrefixAndAGatewayJwtAreAccepted() {
    assertEquals(get("42", token).body(), get("42", "Bearer " + token).body());
    assertEquals(get("42", token).body(), get("42", "Bearer " + jwt).body());
    assertEquals(get("42", token).body(), get("42", jwt).body());
  }

  @Test
  void anEmptyRoomAnswersAnEmptyList() {
    Http.Response response = get("43", token);
    assertEquals(200, response.status());
    assertEquals("{\"messages\":[]}", response.body());
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check1MissingTokenOrRoomIs400 {
    @Test
    void noAuthorizationHeader() {
      assertError(get("42", null), 400, "missing token or room id");
    }

    @Test
    void blankAuthorizationHeader() {
      assertError(get("42", "   "), 400, "missing token or room id");
      assertError(get("42", "Bearer "), 400, "missing token or room id");
    }

    @Test
    void missingOrBlankRoomId() {
      assertError(http.get("/api/get_room_messages", "Authorization", token), 400, "missing token or room id");
      assertError(get("", token), 400, "missing token or room id");
      assertError(get("%20%20", token), 400, "missing token or room id");
    }

    @Test
    void comesBeforeTheTokenCheck() {
      assertError(http.get("/api/get_room_messages", "Authorization", "garbage"), 400, "missing token or room id");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check2BadTokenIs401 {
    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.", "Bearer x.y",
        "\u00e9\u00e9\u00e9", "..", "x"})
    void unknownOrMalformedTokens(String bad) {
      assertError(get("42", bad), 401, "unauthorized");
    }

    @Test
    void anExpiredSessionToken() {
      Docs expired = Docs.newTenant("mirage-exp").user("u1", "a").room("r", 1, "u1")
          .session("u1", "expired-session-token-value", Instant.now().minusSeconds(1));
      admin.load(expired.json());
      assertError(get("1", "expired-session-token-value"), 401, "unauthorized");
    }

    @Test
    void aJwtSignedWithAnotherSecret() {
      String[] parts = jwt.split("\\.");
      assertError(get("42", parts[0] + "." + parts[1] + ".AAAA" + parts[2].substring(4)), 401, "unauthorized");
    }

    @Test
    void comesBeforeTheRoomIdCheck() {
      assertError(get("abc", "garbage"), 401, "unauthorized");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check3NotInThisRoomIs403 {
    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "%2B42", "42.0", "4e1", "0x2a", "0", "99999999999999999999", "%EF%BC%94%EF%BC%92"})
    void aRoomIdThatIsNotAPositiveInteger(String roomId) {
      assertError(get(roomId, token), 403, "you are not in this room");
    }

    @Test
    void aRoomThatDoesNotExist() {
      assertError(get("4242", token), 403, "you are not in this room");
    }

    @Test
    void aRoomTheUserIsNotAMemberOf() {
      assertError(get("42", outsiderToken), 403, "you are not in this room");
    }

    @Test
    void anotherTenantsRoomAnswersExactlyLikeAMissingRoom() {
      Docs other = Docs.newTenant("mirage-other").user("x1", "x").room("rx", 777, "x1");
      admin.load(other.json());
      String otherToken = admin.tokens(other.tenant(), "x1").getString("sessionToken");
      Http.Response foreign = get("42", otherToken);
      Http.Response missing = get("4242", otherToken);
      assertEquals(missing.status(), foreign.status());
      assertEquals(missing.body(), foreign.body());
      assertEquals(403, foreign.status());
    }
  }

  @Test
  void theLastRoomIdWins() {
    assertEquals(200, http.get("/api/get_room_messages?room_id=abc&room_id=42", "Authorization", token).status());
    assertEquals(403, http.get("/api/get_room_messages?room_id=42&room_id=abc", "Authorization", token).status());
  }
}
