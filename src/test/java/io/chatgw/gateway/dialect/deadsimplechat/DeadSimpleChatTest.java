package io.chatgw.gateway.dialect.deadsimplechat;

import static io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** dialects.md §2: DeadSimpleChat, GET /consumer/api/v1/chatRoom/{roomId}/messages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadSimpleChatTest {

  static final String ROOM = "65a5a0e17fb13759919407e4";
  static final String ADMIN = "648e211a81cea20bd8b1581d";
  static final String SAM = "65cbcac33126694ef8236f25";

  Http http;
  Admin admin;
  DeadSimpleChatClient dsc;
  Docs data;
  String tenant;
  String key;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    dsc = new DeadSimpleChatClient(http);
    data = Docs.newTenant("dsc")
        .user(ADMIN, "admin")
        .user(new JsonObject().put("id", SAM).put("username", "Sam").put("uniqueUserIdentifier", "25"))
        .user(new JsonObject().put("id", "mod1").put("username", "mod").put("isModerator", true))
        .room(ROOM, 1, ADMIN, SAM).room("empty", 2, ADMIN)
        .message(new JsonObject().put("id", "65cbca493126694ef8236ec8").put("room", ROOM)
            .put("sender", ADMIN).put("text", "Test Message").put("createdAt", "2024-02-13T20:00:09.779Z")
            .put("reactions", new JsonArray()
                .add(reaction("65cbca683126694ef8236eeb", ADMIN, "wave", "2024-02-13T20:00:40.000Z"))
                .add(reaction("r-sam", SAM, "thumbsup", "2024-02-13T20:01:00.000Z"))
                .add(reaction("65cbca663126694ef8236ee3", ADMIN, "pray", "2024-02-13T20:00:38.000Z"))))
        .message(new JsonObject().put("id", "65cbca5c3126694ef8236ed7").put("room", ROOM)
            .put("sender", ADMIN).put("text", "phone image").put("type", "image")
            .put("createdAt", "2024-02-13T20:00:28.384Z")
            .put("attachment", new JsonObject().put("id", "65cbca573126694ef8236ed2")
                .put("url", "https://cdn.example/Image.jpeg").put("name", "Image.jpeg").put("size", 477245)
                .put("contentType", "image/jpeg").put("width", 800).put("height", 600)
                .put("thumbnailUrl", "https://cdn.example/Image-t.jpeg")))
        .message(new JsonObject().put("id", "65cbcad33126694ef8236f4c").put("room", ROOM)
            .put("sender", SAM).put("text", "How is it going?").put("createdAt", "2024-02-13T20:02:27.165Z"))
        .message(new JsonObject().put("id", "deleted-1").put("room", ROOM).put("sender", SAM)
            .put("text", "oops").put("deleted", true).put("createdAt", "2024-02-13T20:03:00.000Z")
            .put("attachment", new JsonObject().put("url", "https://cdn.example/oops.png")))
        .message(new JsonObject().put("id", "mod-msg").put("room", ROOM).put("sender", "mod1")
            .put("createdAt", "2024-02-13T20:04:00Z").put("version", 3)
            .put("actionButtons", new JsonArray().add(new JsonObject().put("id", "b1").put("text", "Open")
                .put("value", 1.5)))
            .put("attachment", new JsonObject().put("url", "https://cdn.example/doc")));
    admin.load(data.json());
    tenant = data.tenant();
    key = admin.newKey(tenant).json().getString("apiKey");
  }

  static JsonObject reaction(String id, String user, String reaction, String createdAt) {
    return new JsonObject().put("id", id).put("user", user).put("reaction", reaction).put("createdAt", createdAt);
  }

  @AfterAll
  void close() {
    http.close();
  }

  String fileMessage() {
    return "{\"_id\":\"65cbca5c3126694ef8236ed7\",\"likes\":[],\"actionButtons\":[],"
        + "\"created\":\"2024-02-13T20:00:28.384Z\",\"chatRoom\":\"" + ROOM + "\",\"message\":\"phone image\","
        + "\"user\":{\"_id\":\"" + ADMIN + "\",\"username\":\"admin\",\"parentCustomerAccount\":\"" + tenant
        + "\",\"isModerator\":false},\"customer\":\"" + tenant + "\","
        + "\"file\":{\"_id\":\"65cbca573126694ef8236ed2\",\"url\":\"https://cdn.example/Image.jpeg\","
        + "\"fileName\":\"Image.jpeg\",\"size\":477245,\"contentType\":\"image/jpeg\",\"fileType\":\"image\","
        + "\"imageHeight\":600,\"imageWidth\":800},\"__v\":0}";
  }

  String likedMessage() {
    return "{\"_id\":\"65cbca493126694ef8236ec8\",\"likes\":["
        + "{\"_id\":\"65cbca663126694ef8236ee3\",\"username\":\"admin\",\"userId\":\"" + ADMIN + "\",\"reaction\":\"pray\"},"
        + "{\"_id\":\"65cbca683126694ef8236eeb\",\"username\":\"admin\",\"userId\":\"" + ADMIN + "\",\"reaction\":\"wave\"},"
        + "{\"_id\":\"r-sam\",\"username\":\"Sam\",\"userId\":\"" + SAM + "\",\"reaction\":\"thumbsup\"}],"
        + "\"actionButtons\":[],\"created\":\"2024-02-13T20:00:09.779Z\",\"chatRoom\":\"" + ROOM + "\","
        + "\"message\":\"Test Message\",\"user\":{\"_id\":\"" + ADMIN + "\",\"username\":\"admin\","
        + "\"parentCustomerAccount\":\"" + tenant + "\",\"isModerator\":false},\"customer\":\"" + tenant + "\",\"__v\":0}";
  }

  String samMessage() {
    return "{\"_id\":\"65cbcad33126694ef8236f4c\",\"likes\":[],\"actionButtons\":[],"
        + "\"created\":\"2024-02-13T20:02:27.165Z\",\"chatRoom\":\"" + ROOM + "\",\"message\":\"How is it going?\","
        + "\"user\":{\"_id\":\"" + SAM + "\",\"uniqueUserIdentifier\":\"25\",\"username\":\"Sam\","
        + "\"parentCustomerAccount\":\"" + tenant + "\",\"isModerator\":false},\"customer\":\"" + tenant + "\",\"__v\":0}";
  }

  String moderatorMessage() {
    return "{\"_id\":\"mod-msg\",\"likes\":[],\"actionButtons\":[{\"id\":\"b1\",\"text\":\"Open\",\"value\":1.5}],"
        + "\"created\":\"2024-02-13T20:04:00.000Z\",\"chatRoom\":\"" + ROOM + "\",\"message\":\"\","
        + "\"user\":{\"_id\":\"mod1\",\"username\":\"mod\",\"parentCustomerAccount\":\"" + tenant + "\",\"isModerator\":true},"
        + "\"customer\":\"" + tenant + "\",\"file\":{\"_id\":\"mod-msg\",\"url\":\"https://cdn.example/doc\",\"fileType\":\"file\"},"
        + "\"__v\":3}";
  }

  @Test
  void theRoomsLiveMessagesNewestFirstInTheVendorsExactShape() {
    Http.Response response = dsc.get(ROOM, "auth=" + key);
    assertEquals(200, response.status(), response.body());
    assertEquals(DeadSimpleChatClient.JSON, response.header("Content-Type"));
    assertEquals("{\"limit\":50,\"skip\":0,\"totalRecords\":4,\"count\":4,\"messages\":["
        + moderatorMessage() + "," + samMessage() + "," + fileMessage() + "," + likedMessage() + "]}",
        response.body());
  }

  @Test
  void onlyAttachmentsKeepsTheLiveMessagesWithAFileAndTheirTotal() {
    Http.Response response = dsc.get(ROOM, "auth=" + key + "&onlyAttachments=true");
    assertEquals(200, response.status(), response.body());
    assertEquals("{\"limit\":50,\"skip\":0,\"totalRecords\":2,\"count\":2,\"messages\":["
        + moderatorMessage() + "," + fileMessage() + "]}", response.body());
    assertEquals(dsc.get(ROOM, "auth=" + key).body(), dsc.get(ROOM, "auth=" + key + "&onlyAttachments=false").body());
  }

  @Test
  void limitAndSkipAreTheValuesAppliedAndTotalRecordsIgnoresTheWindow() {
    Http.Response response = dsc.get(ROOM, "auth=" + key + "&limit=2&skip=1");
    assertEquals("{\"limit\":2,\"skip\":1,\"totalRecords\":4,\"count\":2,\"messages\":["
        + samMessage() + "," + fileMessage() + "]}", response.body());
    assertEquals("{\"limit\":1,\"skip\":1,\"totalRecords\":2,\"count\":1,\"messages\":[" + fileMessage() + "]}",
        dsc.get(ROOM, "auth=" + key + "&onlyAttachments=true&limit=1&skip=1").body());
  }

  @Test
  void leadingZerosAreStillBase10Integers() {
    assertEquals("{\"limit\":1,\"skip\":3,\"totalRecords\":4,\"count\":1,\"messages\":[" + likedMessage() + "]}",
        dsc.get(ROOM, "auth=" + key + "&limit=001&skip=0003").body());
  }

  @Test
  void anEmptyRoomAndASkipPastTheEndAnswerAnEmptyPageWithTheTotal() {
    assertEquals("{\"limit\":50,\"skip\":0,\"totalRecords\":0,\"count\":0,\"messages\":[]}",
        dsc.get("empty", "auth=" + key).body());
    assertEquals("{\"limit\":50,\"skip\":4,\"totalRecords\":4,\"count\":0,\"messages\":[]}",
        dsc.get(ROOM, "auth=" + key + "&skip=4").body());
    assertEquals("{\"limit\":1000,\"skip\":10000000,\"totalRecords\":2,\"count\":0,\"messages\":[]}",
        dsc.get(ROOM, "auth=" + key + "&onlyAttachments=true&limit=1000&skip=10000000").body());
  }

  @Test
  void theLastOccurrenceOfEachParameterWins() {
    assertEquals(List.of("65cbcad33126694ef8236f4c"),
        dsc.ids(ROOM, "limit=1000&limit=x&limit=1&skip=-1&skip=1&auth=wrong&auth=" + key));
    assertError(dsc.get(ROOM, "auth=" + key + "&auth=wrong"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    assertError(dsc.get(ROOM, "auth=" + key + "&limit=1&limit=0"), 400, DeadSimpleChatParams.BAD_LIMIT);
    assertEquals(List.of("mod-msg", "65cbca5c3126694ef8236ed7"),
        dsc.ids(ROOM, "auth=" + key + "&onlyAttachments=false&onlyAttachments=true"));
  }

  @Test
  void theAuthValueIsPercentDecodedAndPlusIsASpace() {
    Docs other = Docs.newTenant("dsc-keys").user("u", "u").room("r", 1, "u")
        .message("m", "r", "u", "hi", java.time.Instant.parse("2024-01-01T00:00:00Z"));
    JsonObject doc = other.json();
    doc.getJsonArray("tenants").getJsonObject(0).put("apiKeys", new JsonArray().add("k+dsc/\u00e4=1 &x"));
    admin.load(doc);
    assertEquals(List.of("m"), dsc.ids("r", "auth=k%2Bdsc%2F%C3%A4%3D1%20%26x"));
    assertEquals(List.of("m"), dsc.ids("r", "auth=k%2bdsc/%c3%a4=1+%26x"));
    assertError(dsc.get("r", "auth=k+dsc/%C3%A4=1%20%26x"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
  }

  @Test
  void theRoomIdIsThePercentDecodedPathSegment() {
    Docs other = Docs.newTenant("dsc-path").user("u", "u").room("Om PS_\u00e4", 1, "u")
        .message("m", "Om PS_\u00e4", "u", "hi", java.time.Instant.parse("2024-01-01T00:00:00Z"));
    admin.load(other.json());
    String otherKey = admin.newKey(other.tenant()).json().getString("apiKey");
    Http.Response response = dsc.get("Om%20PS_%C3%A4", "auth=" + otherKey);
    assertEquals(200, response.status(), response.body());
    assertEquals("Om PS_\u00e4", response.json().getJsonArray("messages").getJsonObject(0).getString("chatRoom"));
  }

  @Test
  void aPlusInThePathIsAPlusAndAnEncodedSlashIsPartOfTheRoomId() {
    java.time.Instant t = java.time.Instant.parse("2024-01-01T00:00:00Z");
    Docs other = Docs.newTenant("dsc-ids").user("u", "u").room("a+b", 1, "u").room("a/b", 2, "u")
        .room("a b", 3, "u").message("plus", "a+b", "u", "hi", t).message("slash", "a/b", "u", "hi", t)
        .message("space", "a b", "u", "hi", t);
    admin.load(other.json());
    String otherKey = admin.newKey(other.tenant()).json().getString("apiKey");
    assertEquals(List.of("plus"), dsc.ids("a+b", "auth=" + otherKey));
    assertEquals(List.of("plus"), dsc.ids("a%2Bb", "auth=" + otherKey));
    assertEquals(List.of("slash"), dsc.ids("a%2Fb", "auth=" + otherKey));
    assertEquals(List.of("space"), dsc.ids("a%20b", "auth=" + otherKey));
  }

  /** A path the router cannot decode is still answered in this dialect's format (docs: decisions). */
  @Test
  void aPathThatCannotBeDecodedIsA400InThisDialectsFormat() {
    Http.Response response = dsc.get("%ZZ", "auth=" + key);
    assertEquals(400, response.status());
    assertEquals("{\"message\":\"malformed percent-escape in the path\"}", response.body());
  }

  @Test
  void aTrailingSlashIsTheSamePathAndOtherShapesAreUnknownPaths() {
    assertEquals(dsc.get(ROOM, "auth=" + key).body(),
        http.get("/consumer/api/v1/chatRoom/" + ROOM + "/messages/?auth=" + key).body());
    for (String path : List.of("/consumer/api/v1/chatRoom//messages", "/consumer/api/v1/chatRoom/" + ROOM,
        "/consumer/api/v1/chatRoom/" + ROOM + "/messages/x", "/consumer/api/v1/chatRoom/a/b/messages")) {
      Http.Response response = http.get(path + "?auth=" + key);
      assertEquals(404, response.status(), path);
      assertEquals("{\"error\":\"not found\"}", response.body(), path);
    }
  }

  @Test
  void anotherMethodIs405WithAllow() {
    Http.Response response = http.send(HttpMethod.POST, DeadSimpleChatClient.path(ROOM, "auth=" + key), null);
    assertEquals(405, response.status());
    assertEquals("GET, HEAD", response.header("Allow"));
  }
}
