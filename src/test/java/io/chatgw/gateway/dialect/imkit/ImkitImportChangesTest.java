package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a re-import changes shows on the very next page of the same gateway: reactions and hides are
 * read only for the messages flagged as having them (V008), and sender profiles come from the
 * directory's memory, so a flag or a profile that stayed stale would show here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitImportChangesTest {

  Http http;
  Admin admin;
  String tenant;
  ImkitClient anna;
  ImkitClient bert;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    Docs docs = Docs.newTenant("imkit-changes").user("anna", "anna")
        .user(new JsonObject().put("id", "bert").put("username", "bert").put("nickname", "Bert"))
        .room("reacted", 1, "anna", "bert").room("hidden", 2, "anna", "bert").room("renamed", 3, "anna", "bert");
    tenant = docs.tenant();
    docs.message(message("r1", "reacted", "anna").put("reactions", new JsonArray().add(reaction("x1", "bert", "like"))))
        .message(message("h1", "hidden", "anna"))
        .message(message("n1", "renamed", "bert"));
    anna = ImkitClient.load(http, docs, "anna");
    bert = anna.as("bert");
  }

  @AfterAll
  void close() {
    http.close();
  }

  static JsonObject message(String id, String room, String sender) {
    return new JsonObject().put("id", id).put("room", room).put("sender", sender).put("text", id)
        .put("createdAt", "2024-07-01T00:00:00.000Z");
  }

  static JsonObject reaction(String id, String user, String name) {
    return new JsonObject().put("id", id).put("user", user).put("reaction", name)
        .put("createdAt", "2024-07-01T00:01:00.000Z");
  }

  void reimport(String kind, JsonObject entity) {
    admin.load(new JsonObject().put(kind, new JsonArray().add(entity.copy().put("tenant", tenant))));
  }

  JsonObject only(ImkitClient client, String room) {
    Http.Response response = client.get(room, null);
    assertEquals(200, response.status(), response.body());
    JsonArray data = ImkitClient.result(response).getJsonArray("data");
    assertEquals(1, data.size(), response.body());
    return data.getJsonObject(0);
  }

  JsonArray hidden(ImkitClient client) {
    return ImkitClient.result(client.get("hidden", null)).getJsonArray("userDeletedIDs");
  }

  boolean flag(String column, String message) {
    return TestGateway.shared().sql().preparedQuery("SELECT " + column + " FROM message WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, message)).await().iterator().next().getBoolean(0);
  }

  @Test
  void reactionsClearedByAReimportAreGoneAndComeBackWhenAddedAgain() {
    assertEquals("[{\"userId\":\"bert\",\"reaction\":\"like\",\"createdAtMS\":1719792060000}]",
        only(anna, "reacted").getJsonArray("reactions").encode());

    reimport("messages", message("r1", "reacted", "anna").put("reactions", new JsonArray()));
    assertEquals(false, flag("has_reactions", "r1"));
    JsonObject cleared = only(anna, "reacted");
    assertEquals(new JsonArray(), cleared.getJsonArray("reactions"));
    assertEquals(0, cleared.getInteger("reactionCount"));

    reimport("messages", message("r1", "reacted", "anna").put("reactions", new JsonArray()
        .add(reaction("x2", "anna", "wave")).add(reaction("x3", "bert", "heart").put("createdAt", "2024-07-01T00:02:00Z"))));
    JsonObject again = only(anna, "reacted");
    assertEquals("[{\"userId\":\"anna\",\"reaction\":\"wave\",\"createdAtMS\":1719792060000},"
        + "{\"userId\":\"bert\",\"reaction\":\"heart\",\"createdAtMS\":1719792120000}]",
        again.getJsonArray("reactions").encode());
    assertEquals(2, again.getInteger("reactionCount"));

    reimport("messages", message("r1", "reacted", "anna"));
    assertEquals(2, only(anna, "reacted").getInteger("reactionCount"), "a message given without the list keeps it");
  }

  @Test
  void aHideAddedThenRemovedForTheCallerShowsOnlyWhileItExists() {
    assertEquals(new JsonArray(), hidden(anna));

    reimport("messages", message("h1", "hidden", "anna").put("hiddenBy", new JsonArray().add("anna")));
    assertEquals(new JsonArray().add("h1"), hidden(anna));
    assertEquals(new JsonArray(), hidden(bert), "hidden by anna, not by bert");

    reimport("messages", message("h1", "hidden", "anna").put("hiddenBy", new JsonArray().add("bert")));
    assertEquals(new JsonArray(), hidden(anna));
    assertEquals(new JsonArray().add("h1"), hidden(bert));

    reimport("messages", message("h1", "hidden", "anna").put("hiddenBy", new JsonArray()));
    assertEquals(false, flag("has_hides", "h1"));
    assertEquals(new JsonArray(), hidden(anna));
    assertEquals(new JsonArray(), hidden(bert));
  }

  @Test
  void aRenamedSendersNewProfileShowsRightAfterTheImportReturns() {
    assertEquals("{\"_id\":\"bert\",\"nickname\":\"Bert\",\"id\":\"bert\"}",
        only(anna, "renamed").getJsonObject("sender").encode(), "the directory now holds bert's profile");

    reimport("users", new JsonObject().put("id", "bert").put("username", "bert").put("nickname", "Bertram")
        .put("description", "renamed").put("avatarUrl", "https://cdn.example/bert.png"));
    assertEquals("{\"_id\":\"bert\",\"nickname\":\"Bertram\",\"description\":\"renamed\","
        + "\"avatarUrl\":\"https://cdn.example/bert.png\",\"id\":\"bert\"}",
        only(anna, "renamed").getJsonObject("sender").encode());
  }
}
