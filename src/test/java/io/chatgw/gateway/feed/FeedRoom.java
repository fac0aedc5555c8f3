package io.chatgw.gateway.feed;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A tenant for the feed tests: users u1 and u2 in room r, u3 in room other only, and the means
 * to change r's messages through the real admin import.
 */
record FeedRoom(Admin admin, String tenant, String jwt, String jwtOfU3) {

  static FeedRoom load(Admin admin, String prefix) {
    Docs d = Docs.newTenant(prefix).user("u1", "alice").user("u2", "bob").user("u3", "carol")
        .room("r", 1, "u1", "u2").room("other", 2, "u3");
    admin.load(d.json());
    return new FeedRoom(admin, d.tenant(), admin.tokens(d.tenant(), "u1").getString("jwt"),
        admin.tokens(d.tenant(), "u3").getString("jwt"));
  }

  static JsonObject message(String id, String text) {
    return new JsonObject().put("id", id).put("room", "r").put("sender", "u2").put("text", text)
        .put("createdAt", Instant.parse("2026-01-01T10:00:00Z").toString());
  }

  /** Imports these messages of this tenant (an import that returned 200). */
  void put(JsonObject... messages) {
    Docs d = Docs.forTenant(tenant);
    for (JsonObject m : messages) {
      d.message(m);
    }
    admin.load(d.json());
  }

  void say(String id, String text) {
    put(message(id, text));
  }

  static JsonArray reactions(String user, String reaction) {
    return new JsonArray().add(new JsonObject().put("id", "re-" + user).put("user", user).put("reaction", reaction)
        .put("createdAt", "2026-01-01T10:01:00.000Z"));
  }

  static JsonArray readBy(String user) {
    return new JsonArray().add(new JsonObject().put("user", user).put("readAt", "2026-01-01T10:02:00.000Z"));
  }
}
