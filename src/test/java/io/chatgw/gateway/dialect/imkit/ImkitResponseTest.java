package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** dialects.md §5: the IMKit success body, exact to the character. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitResponseTest {

  Http http;
  ImkitClient elsa;
  String tenant;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Docs docs = Docs.newTenant("imkit-body")
        .user(new JsonObject().put("id", "sss").put("username", "elsa").put("nickname", "Elsa")
            .put("description", "description la la").put("avatarUrl", "https://cdn.example/elsa.jpeg")
            .put("lastLoginAt", "2020-05-06T05:52:18.369Z"))
        .user("olaf", "olaf")
        .user(new JsonObject().put("id", "hans").put("username", "hans").put("description", ""))
        .room("demo-room", 1, "sss", "olaf")
        .room("hans-room", 4, "sss", "hans")
        .message("h1", "hans-room", "hans", "hej", java.time.Instant.parse("2020-10-16T05:00:00.000Z"))
        .room("empty-room", 2, "sss").room("payload-room", 3, "sss")
        .message(times(new JsonObject().put("id", "m1").put("room", "demo-room").put("sender", "sss")
            .put("text", "Helloこんにちは \"quoted\""), "2020-10-16T03:01:07.923Z", "2020-10-16T03:01:07.925Z")
            .put("reactions", new JsonArray()
                .add(new JsonObject().put("id", "r2").put("user", "sss").put("reaction", "heart")
                    .put("createdAt", "2020-10-16T03:05:00.001Z"))
                .add(new JsonObject().put("id", "r1").put("user", "olaf").put("reaction", "wave")
                    .put("createdAt", "2020-10-16T03:04:00.000Z"))))
        .message(times(new JsonObject().put("id", "m2").put("room", "demo-room").put("sender", "olaf")
            .put("type", "poll").put("text", "fallback text")
            .put("payload", new JsonObject().put("options", new JsonArray().add(1).add(2.5))
                .put("kind", "poll").put("nested", new JsonObject().putNull("a"))),
            "2020-10-16T03:02:00.000Z", "2020-10-16T03:02:00.500Z"))
        .message(times(new JsonObject().put("id", "m3").put("room", "demo-room").put("sender", "sss")
            .put("text", "oops").put("deleted", true).put("hiddenBy", new JsonArray().add("sss")),
            "2020-10-16T03:03:00.000Z", "2020-10-16T03:09:00.000Z"))
        .message(times(new JsonObject().put("id", "m4").put("room", "demo-room").put("sender", "olaf")
            .put("text", "hidden by olaf only").put("hiddenBy", new JsonArray().add("olaf")),
            "2020-10-16T03:04:00.000Z", "2020-10-16T03:04:00.000Z"));
    Object[][] payloads = {{"p1", null, "no text at all"}, {"p2", null, "text of a null payload"},
        {"p3", true, null}, {"p4", 42, null}, {"p5", "a JSON string", null},
        {"p6", new JsonArray().add(1).add("two").add(new JsonObject().put("x", -1250.0)), null}};
    for (int i = 0; i < payloads.length; i++) {
      JsonObject m = new JsonObject().put("id", payloads[i][0]).put("room", "payload-room").put("sender", "sss")
          .put("createdAt", "2020-10-16T04:00:0" + i + ".000Z");
      if (i == 0) {
        m.putNull("text");
      } else if (i == 1) {
        m.put("text", payloads[i][2]).putNull("payload");
      } else {
        m.put("text", "ignored").put("payload", payloads[i][1]);
      }
      docs.message(m);
    }
    tenant = docs.tenant();
    elsa = ImkitClient.load(http, docs, "sss");
  }

  /** createdAt = messageTime, and updatedAt. */
  static JsonObject times(JsonObject message, String messageTime, String updatedAt) {
    return message.put("messageTime", messageTime).put("createdAt", messageTime).put("updatedAt", updatedAt);
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Test
  void theWholeBodyInTheVendorsShapeNewestUpdateFirst() {
    Http.Response response = elsa.get("demo-room", null);
    assertEquals(200, response.status(), response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    String elsaSender = "\"sender\":{\"_id\":\"sss\",\"nickname\":\"Elsa\",\"description\":\"description la la\","
        + "\"avatarUrl\":\"https://cdn.example/elsa.jpeg\",\"id\":\"sss\",\"lastLoginTimeMS\":1588744338369}";
    String olafSender = "\"sender\":{\"_id\":\"olaf\",\"nickname\":\"olaf\",\"id\":\"olaf\"}";
    assertEquals("{\"RC\":0,\"RM\":\"OK\",\"result\":{\"totalCount\":4,\"data\":["
        + "{\"reactions\":[],\"_id\":\"m3\",\"message\":\"oops\",\"room\":\"demo-room\"," + elsaSender
        + ",\"messageType\":\"text\",\"id\":\"m3\",\"messageTimeMS\":1602817380000,\"updatedAtMS\":1602817740000,"
        + "\"createdAtMS\":1602817380000,\"reactionCount\":0,\"isDeleted\":true},"
        + "{\"reactions\":[],\"_id\":\"m4\",\"message\":\"hidden by olaf only\",\"room\":\"demo-room\"," + olafSender
        + ",\"messageType\":\"text\",\"id\":\"m4\",\"messageTimeMS\":1602817440000,\"updatedAtMS\":1602817440000,"
        + "\"createdAtMS\":1602817440000,\"reactionCount\":0,\"isDeleted\":false},"
        + "{\"reactions\":[],\"_id\":\"m2\",\"message\":{\"kind\":\"poll\",\"nested\":{\"a\":null},\"options\":[1,2.5]},"
        + "\"room\":\"demo-room\"," + olafSender
        + ",\"messageType\":\"poll\",\"id\":\"m2\",\"messageTimeMS\":1602817320000,\"updatedAtMS\":1602817320500,"
        + "\"createdAtMS\":1602817320000,\"reactionCount\":0,\"isDeleted\":false},"
        + "{\"reactions\":[{\"userId\":\"olaf\",\"reaction\":\"wave\",\"createdAtMS\":1602817440000},"
        + "{\"userId\":\"sss\",\"reaction\":\"heart\",\"createdAtMS\":1602817500001}],"
        + "\"_id\":\"m1\",\"message\":\"Helloこんにちは \\\"quoted\\\"\",\"room\":\"demo-room\"," + elsaSender
        + ",\"messageType\":\"text\",\"id\":\"m1\",\"messageTimeMS\":1602817267923,\"updatedAtMS\":1602817267925,"
        + "\"createdAtMS\":1602817267923,\"reactionCount\":2,\"isDeleted\":false}"
        + "],\"userDeletedIDs\":[\"m3\"],"
        + "\"inspect\":{\"query\":{\"appID\":\"" + tenant + "\",\"room\":\"demo-room\"},\"tookMS\":0}}}",
        ImkitClient.withoutTook(response.body()));
  }

  @Test
  void aSenderHasADescriptionOnlyWhenTheUserWasGivenOne() {
    JsonArray data = ImkitClient.result(elsa.get("demo-room", null)).getJsonArray("data");
    JsonObject olaf = data.getJsonObject(1).getJsonObject("sender");
    assertEquals("olaf", olaf.getString("_id"));
    assertFalse(olaf.containsKey("description"), "imported without a description: " + olaf.encode());
    JsonObject elsaSender = data.getJsonObject(3).getJsonObject("sender");
    assertEquals("description la la", elsaSender.getString("description"));
    JsonObject hans = ImkitClient.result(elsa.get("hans-room", null)).getJsonArray("data")
        .getJsonObject(0).getJsonObject("sender");
    assertEquals("", hans.getString("description"), "an explicit \"\" is kept: " + hans.encode());
  }

  @Test
  void tookMSIsAnIntegerNumberOfMilliseconds() {
    JsonObject inspect = ImkitClient.result(elsa.get("demo-room", null)).getJsonObject("inspect");
    assertTrue(inspect.getValue("tookMS") instanceof Number n && n.longValue() >= 0
        && n.doubleValue() == Math.rint(n.doubleValue()), inspect.encode());
  }

  @Test
  void userDeletedIdsAreTheIdsAmongDataThatTheRequestingUserHid() {
    ImkitClient olaf = elsa.as("olaf");
    assertEquals(new JsonArray().add("m4"), ImkitClient.result(olaf.get("demo-room", null)).getJsonArray("userDeletedIDs"));
    assertEquals(new JsonArray(), ImkitClient.result(elsa.get("demo-room", "beforeMessage=m3"))
        .getJsonArray("userDeletedIDs"), "m3 is hidden by elsa but not in this page");
    assertEquals(new JsonArray().add("m3"), ImkitClient.result(elsa.get("demo-room", "limit=1"))
        .getJsonArray("userDeletedIDs"));
  }

  /**
   * A request without filters runs a statement of its own (ImkitReader.SELECT_UNFILTERED); a
   * filter that keeps every message of the room runs the windowed one. Both must render each
   * message, its reactions and the caller's hides alike.
   */
  @Test
  void aFilterThatKeepsEveryMessageAnswersTheSameMessagesAsNoFilter() {
    for (ImkitClient caller : List.of(elsa, elsa.as("olaf"))) {
      JsonObject unfiltered = ImkitClient.result(caller.get("demo-room", null));
      JsonObject windowed = ImkitClient.result(caller.get("demo-room", "afterTime=2000-01-01T00:00:00.000Z"));
      assertEquals(4, unfiltered.getJsonArray("data").size(), unfiltered.encode());
      for (String field : List.of("totalCount", "data", "userDeletedIDs")) {
        assertEquals(unfiltered.getValue(field), windowed.getValue(field), field);
      }
    }
  }

  @Test
  void anEmptyRoomAnswersAnEmptyPage() {
    assertEquals("{\"RC\":0,\"RM\":\"OK\",\"result\":{\"totalCount\":0,\"data\":[],\"userDeletedIDs\":[],"
        + "\"inspect\":{\"query\":{\"appID\":\"" + tenant + "\",\"room\":\"empty-room\"},\"tookMS\":0}}}",
        ImkitClient.withoutTook(elsa.get("empty-room", null).body()));
  }

  @Test
  void messageIsThePayloadWhenThereIsOneElseTheTextElseEmpty() {
    assertEquals(List.of("[1,\"two\",{\"x\":-1250.0}]", "\"a JSON string\"", "42", "true", "\"text of a null payload\"", "\"\""),
        messages("payload-room"));
  }

  List<String> messages(String room) {
    JsonArray data = ImkitClient.result(elsa.get(room, "timeRangeField=createdAt")).getJsonArray("data");
    List<String> out = new ArrayList<>();
    String body = elsa.get(room, "timeRangeField=createdAt").body();
    for (int i = 0; i < data.size(); i++) {
      String id = data.getJsonObject(i).getString("_id");
      int from = body.indexOf("\"_id\":\"" + id + "\",\"message\":") + ("\"_id\":\"" + id + "\",\"message\":").length();
      out.add(body.substring(from, body.indexOf(",\"room\":", from)));
    }
    return out;
  }
}
