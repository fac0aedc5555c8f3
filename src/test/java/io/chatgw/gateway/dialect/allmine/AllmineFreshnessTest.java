package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11: participants, senders and readers come from the directory's cache and receipts are
 * read only for messages flagged has_receipts; what an import changes shows on the very next page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllmineFreshnessTest {

  static final String AVATAR = "https://cdn.example/ann.png";
  static final String ASTRAL = "a\uD83D\uDE00";
  static final String BMP_HIGH = "a\uFF5E";

  Http http;
  Admin admin;
  AllmineClient allmine;
  Docs data;
  String jwt;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    allmine = new AllmineClient(http);
    data = Docs.newTenant("allmine-fresh")
        .user(new JsonObject().put("id", "ann").put("username", "ann").put("avatarUrl", AVATAR))
        .user("bob", "bob").user(ASTRAL, "astral").user(BMP_HIGH, "high").user("Zed", "zed")
        .room("chat", 1, "ann", "bob", ASTRAL, BMP_HIGH, "Zed");
    admin.load(data.json());
    jwt = TestJwts.valid(data.tenant(), "ann");
  }

  @AfterAll
  void close() {
    http.close();
  }

  JsonObject page() {
    Http.Response response = allmine.bearer("chat", "", jwt);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  void importOnly(String section, JsonObject entity) {
    JsonObject doc = Docs.newTenant("unused").json().put("tenants", new JsonArray());
    admin.load(doc.put(section, new JsonArray().add(entity.copy().put("tenant", data.tenant()))));
  }

  JsonObject message(JsonArray readBy) {
    JsonObject m = new JsonObject().put("id", "m1").put("room", "chat").put("sender", "bob")
        .put("createdAt", "2024-05-01T10:00:00Z");
    return readBy == null ? m : m.put("readBy", readBy);
  }

  static JsonObject read(String user, String at) {
    return new JsonObject().put("user", user).put("readAt", at);
  }

  List<String> readBy() {
    JsonArray list = page().getJsonArray("messages").getJsonObject(0).getJsonArray("readBy");
    List<String> ids = new ArrayList<>();
    list.forEach(id -> ids.add((String) id));
    return ids;
  }

  @Test
  void receiptsThatAnImportClearsAndAddsAgainFollowAtOnce() {
    String t = "2024-05-01T10:05:00Z";
    importOnly("messages", message(new JsonArray().add(read("bob", "2024-05-01T10:06:00Z")).add(read("ann", t))));
    assertEquals(List.of("ann", "bob"), readBy());
    importOnly("messages", message(new JsonArray()));
    assertEquals(List.of(), readBy());
    importOnly("messages", message(null));
    assertEquals(List.of(), readBy(), "a message given without its list keeps its (no) receipts");
    // readers tied on read_at are in COLLATE "C" order: U+FF5E before U+1F600, unlike String.compareTo
    importOnly("messages", message(new JsonArray().add(read(ASTRAL, t)).add(read(BMP_HIGH, t)).add(read("Zed", t))
        .add(read("bob", "2024-05-01T10:04:59.999999Z"))));
    assertEquals(List.of("bob", "Zed", BMP_HIGH, ASTRAL), readBy());
    importOnly("messages", message(null));
    assertEquals(List.of("bob", "Zed", BMP_HIGH, ASTRAL), readBy(), "and keeps its receipts");
  }

  List<String> participantIds() {
    List<String> ids = new ArrayList<>();
    page().getJsonArray("participants").forEach(p -> ids.add(((JsonObject) p).getString("_id")));
    return ids;
  }

  JsonObject participant(String id) {
    JsonArray participants = page().getJsonArray("participants");
    for (int i = 0; i < participants.size(); i++) {
      if (id.equals(participants.getJsonObject(i).getString("_id"))) {
        return participants.getJsonObject(i);
      }
    }
    throw new AssertionError("no participant " + id);
  }

  @Test
  void participantsAreInCollateCOrderAboveUffffToo() {
    // UTF-8 bytes: Z (5A) < an (61 6E) < a + U+FF5E (61 EF) < a + U+1F600 (61 F0) < b (62)
    assertEquals(List.of("Zed", "ann", BMP_HIGH, ASTRAL, "bob"), participantIds());
  }

  @Test
  void aRenamedMemberAndARemovedAvatarShowOnTheNextPage() {
    Docs other = Docs.newTenant("allmine-avatar")
        .user(new JsonObject().put("id", "ann").put("username", "ann").put("avatarUrl", AVATAR))
        .room("chat", 1, "ann").message("m", "chat", "ann", "hi", java.time.Instant.parse("2024-05-01T10:00:00Z"));
    admin.load(other.json());
    String token = TestJwts.valid(other.tenant(), "ann");
    JsonObject before = allmine.bearer("chat", "", token).json().getJsonArray("participants").getJsonObject(0);
    assertEquals(AllmineTest.photoId("ann", AVATAR), before.getJsonObject("profilePhoto").getString("_id"));

    admin.load(Docs.newTenant("unused").json().put("tenants", new JsonArray()).put("users", new JsonArray()
        .add(new JsonObject().put("tenant", other.tenant()).put("id", "ann").put("username", "Ann B.")
            .put("availabilityStatus", "away"))));

    Http.Response after = allmine.bearer("chat", "", token);
    assertTrue(after.body().contains(
        "\"participants\":[{\"_id\":\"ann\",\"username\":\"Ann B.\",\"availabilityStatus\":\"away\"}]"),
        after.body());
    assertFalse(after.body().contains("profilePhoto"), after.body());

    admin.load(Docs.newTenant("unused").json().put("tenants", new JsonArray()).put("users", new JsonArray()
        .add(new JsonObject().put("tenant", other.tenant()).put("id", "ann").put("username", "Ann B.")
            .put("avatarUrl", AVATAR + "?v=2"))));
    JsonObject again = allmine.bearer("chat", "", token).json().getJsonArray("participants").getJsonObject(0);
    assertEquals(AllmineTest.photoId("ann", AVATAR + "?v=2"), again.getJsonObject("profilePhoto").getString("_id"));
  }

  @Test
  void aNewMemberIsAParticipantOnTheNextPage() {
    Docs other = Docs.newTenant("allmine-members").user("ann", "ann").user("cy", "cy").room("chat", 1, "ann");
    admin.load(other.json());
    String token = TestJwts.valid(other.tenant(), "ann");
    assertEquals(1, allmine.bearer("chat", "", token).json().getJsonArray("participants").size());
    admin.load(Docs.newTenant("unused").json().put("tenants", new JsonArray()).put("rooms", new JsonArray()
        .add(new JsonObject().put("tenant", other.tenant()).put("id", "chat").put("number", 1).put("name", "chat")
            .put("members", new JsonArray().add("ann").add("cy")))));
    JsonArray participants = allmine.bearer("chat", "", token).json().getJsonArray("participants");
    assertEquals("cy", participants.getJsonObject(1).getString("_id"), participants.encode());
  }
}
