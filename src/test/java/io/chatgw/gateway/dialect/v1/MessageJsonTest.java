package io.chatgw.gateway.dialect.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** native-api.md, "Message": a stored message rendered from {@link MessageRows} by {@link MessageJson}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageJsonTest {

  Http http;
  Admin admin;

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
  }

  @AfterAll
  void close() {
    http.close();
  }

  /** The message as the store holds it, rendered; users from the store, as the directory would give them. */
  JsonObject rendered(String tenant, String id) {
    Row row = TestGateway.shared().sql().preparedQuery("SELECT " + MessageRows.COLUMNS
        + " FROM (SELECT * FROM message WHERE tenant_id = $1 AND id = $2) m " + MessageRows.EXTRAS)
        .execute(Tuple.of(tenant, id)).await().iterator().next();
    Map<Long, User> users = new HashMap<>();
    for (Row u : TestGateway.shared().sql().preparedQuery(
        "SELECT pk, id, username, nickname, avatar_url FROM app_user WHERE tenant_id = $1").execute(Tuple.of(tenant))
        .await()) {
      users.put(u.getLong(0), new User(u.getLong(0), tenant, u.getString(1), u.getString(2), u.getString(3), null,
          u.getString(4), false, null, "offline", null));
    }
    return new JsonObject(JsonBuffers.render(512, json -> MessageJson.write(json, row, 0, "r", users)));
  }

  @Test
  void everyMemberInTheSpecsShapeAndTimesWithMilliseconds() {
    Docs d = Docs.newTenant("v1-json").user(new JsonObject().put("id", "u1").put("username", "alice")
            .put("nickname", "Alice").put("avatarUrl", "https://cdn.example/a.png"))
        .user("u2", "bob").room("r", 1, "u1", "u2")
        .message(new JsonObject().put("id", "full").put("room", "r").put("sender", "u1").put("type", "image")
            .put("text", "look").put("payload", new JsonObject().put("n", 12345678901234567890.0).put("k", "v"))
            .put("attachment", new JsonObject().put("url", "https://cdn.example/p.png").put("name", "p.png")
                .put("size", 2048).put("contentType", "image/png").put("width", 640).put("height", 480))
            .put("reactions", new JsonArray().add(new JsonObject().put("id", "x1").put("user", "u2")
                .put("reaction", "like").put("createdAt", "2026-01-01T10:00:01.5Z")))
            .put("readBy", new JsonArray().add(new JsonObject().put("user", "u2").put("readAt", "2026-01-01T10:00:02Z")))
            .put("createdAt", "2026-01-01T10:00:00Z").put("updatedAt", "2026-01-01T10:05:00.007Z").put("version", 3))
        .message(new JsonObject().put("id", "plain").put("room", "r").put("sender", "u2").put("text", "hi")
            .put("createdAt", "2026-01-01T11:00:00Z").put("deleted", true));
    admin.load(d.json());

    JsonObject full = rendered(d.tenant(), "full");
    assertEquals(new JsonObject()
        .put("id", "full").put("room", "r")
        .put("sender", new JsonObject().put("id", "u1").put("username", "alice").put("nickname", "Alice")
            .put("avatarUrl", "https://cdn.example/a.png"))
        .put("type", "image").put("text", "look")
        .put("payload", new JsonObject().put("n", 12345678901234567890.0).put("k", "v"))
        .put("attachment", new JsonObject().put("id", "full").put("url", "https://cdn.example/p.png")
            .put("name", "p.png").put("size", 2048).put("contentType", "image/png").put("kind", "image")
            .put("width", 640).put("height", 480))
        .put("reactions", new JsonArray().add(new JsonObject().put("user", "u2").put("reaction", "like")
            .put("createdAt", "2026-01-01T10:00:01.500Z")))
        .put("readBy", new JsonArray().add(new JsonObject().put("user", "u2").put("readAt", "2026-01-01T10:00:02.000Z")))
        .put("createdAt", "2026-01-01T10:00:00.000Z").put("updatedAt", "2026-01-01T10:05:00.007Z")
        .put("version", 3), full);
    assertEquals(java.util.List.of("id", "room", "sender", "type", "text", "payload", "attachment", "reactions",
        "readBy", "createdAt", "updatedAt", "version"), java.util.List.copyOf(full.fieldNames()), "the spec's order");

    JsonObject plain = rendered(d.tenant(), "plain");
    assertEquals(new JsonObject().put("id", "plain").put("room", "r")
        .put("sender", new JsonObject().put("id", "u2").put("username", "bob").put("nickname", "bob"))
        .put("type", "text").put("text", "hi").put("reactions", new JsonArray()).put("readBy", new JsonArray())
        .put("createdAt", "2026-01-01T11:00:00.000Z").put("updatedAt", "2026-01-01T11:00:00.000Z")
        .put("version", 0).put("deleted", true), plain, "absent members left out; a deletion says so");
  }
}
