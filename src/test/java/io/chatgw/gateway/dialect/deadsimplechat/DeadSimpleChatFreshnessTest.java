package io.chatgw.gateway.dialect.deadsimplechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11: senders and likers come from the directory's cache and likes are read only for
 * messages flagged has_reactions; what an import changes shows on the very next page all the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadSimpleChatFreshnessTest {

  static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  Http http;
  Admin admin;
  DeadSimpleChatClient dsc;
  Docs data;
  String key;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    dsc = new DeadSimpleChatClient(http);
    data = Docs.newTenant("dsc-fresh").user("ann", "ann").user("bob", "bob").room("r", 1, "ann", "bob");
    admin.load(data.json());
    key = admin.newKey(data.tenant()).json().getString("apiKey");
  }

  @AfterAll
  void close() {
    http.close();
  }

  void importMessage(JsonObject message) {
    JsonObject doc = data.json();
    doc.put("users", new JsonArray()).put("rooms", new JsonArray());
    admin.load(doc.put("messages", new JsonArray().add(message.copy().put("tenant", data.tenant()))));
  }

  JsonObject message(String id, JsonArray reactions) {
    JsonObject m = new JsonObject().put("id", id).put("room", "r").put("sender", "ann").put("text", id)
        .put("createdAt", T.toString());
    return reactions == null ? m : m.put("reactions", reactions);
  }

  static JsonArray reactions(String... idUserReaction) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < idUserReaction.length; i += 3) {
      list.add(new JsonObject().put("id", idUserReaction[i]).put("user", idUserReaction[i + 1])
          .put("reaction", idUserReaction[i + 2]).put("createdAt", T.plusSeconds(i).toString()));
    }
    return list;
  }

  /** The likes of the room's only message, as {@code id:username/userId:reaction} lines. */
  String likes(String roomMessage) {
    JsonObject first = dsc.get("r", "auth=" + key).json().getJsonArray("messages").getJsonObject(0);
    assertEquals(roomMessage, first.getString("_id"));
    StringBuilder out = new StringBuilder();
    JsonArray likes = first.getJsonArray("likes");
    for (int i = 0; i < likes.size(); i++) {
      JsonObject like = likes.getJsonObject(i);
      out.append(like.getString("_id")).append(':').append(like.getString("username")).append('/')
          .append(like.getString("userId")).append(':').append(like.getString("reaction")).append(' ');
    }
    return out.toString().trim();
  }

  boolean flagged(String id) {
    return TestGateway.shared().sql().preparedQuery("SELECT has_reactions FROM message WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(data.tenant(), id)).await().iterator().next().getBoolean(0);
  }

  @Test
  void likesThatAnImportClearsAndAddsAgainFollowAtOnce() {
    importMessage(message("m1", reactions("x1", "bob", "wave", "x2", "ann", "pray")));
    assertEquals("x1:bob/bob:wave x2:ann/ann:pray", likes("m1"));

    importMessage(message("m1", new JsonArray()));
    assertEquals(false, flagged("m1"), "an empty list clears the flag");
    assertEquals("", likes("m1"));

    importMessage(message("m1", null));
    assertEquals("", likes("m1"), "a message given without its list keeps its (no) likes");

    importMessage(message("m1", reactions("x3", "ann", "like")));
    assertEquals(true, flagged("m1"));
    assertEquals("x3:ann/ann:like", likes("m1"));

    importMessage(message("m1", null));
    assertEquals("x3:ann/ann:like", likes("m1"), "and keeps its likes");
  }

  @Test
  void aRenamedUserShowsOnTheNextPageAsSenderAndLiker() {
    Docs other = Docs.newTenant("dsc-rename").user("ann", "ann").room("r", 1, "ann")
        .message(new JsonObject().put("id", "m").put("room", "r").put("sender", "ann").put("createdAt", T.toString())
            .put("reactions", reactions("x", "ann", "wave")));
    admin.load(other.json());
    String otherKey = admin.newKey(other.tenant()).json().getString("apiKey");
    JsonObject before = dsc.get("r", "auth=" + otherKey).json().getJsonArray("messages").getJsonObject(0);
    assertEquals("ann", before.getJsonObject("user").getString("username"));
    assertEquals(false, before.getJsonObject("user").getBoolean("isModerator"));

    admin.load(Docs.newTenant("unused").json().put("tenants", new JsonArray()).put("users", new JsonArray()
        .add(new JsonObject().put("tenant", other.tenant()).put("id", "ann").put("username", "Ann B.")
            .put("isModerator", true).put("uniqueUserIdentifier", "42"))));

    JsonObject after = dsc.get("r", "auth=" + otherKey).json().getJsonArray("messages").getJsonObject(0);
    assertEquals(new JsonObject().put("_id", "ann").put("uniqueUserIdentifier", "42").put("username", "Ann B.")
        .put("parentCustomerAccount", other.tenant()).put("isModerator", true), after.getJsonObject("user"));
    assertEquals("Ann B.", after.getJsonArray("likes").getJsonObject(0).getString("username"));
  }
}
