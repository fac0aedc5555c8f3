package io.chatgw.gateway.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Builds import documents for one tenant; every test class uses a tenant of its own. */
public final class Docs {

  private final String tenant;
  private final JsonObject document = new JsonObject()
      .put("tenants", new JsonArray()).put("users", new JsonArray()).put("rooms", new JsonArray())
      .put("messages", new JsonArray()).put("sessions", new JsonArray());

  private Docs(String tenant) {
    this.tenant = tenant;
    document.getJsonArray("tenants").add(new JsonObject().put("id", tenant).put("name", tenant));
  }

  /** A document that creates a new tenant with a unique id. */
  public static Docs newTenant(String prefix) {
    return new Docs(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** More of a tenant a {@link #newTenant} document made (its row again, unchanged). */
  public static Docs forTenant(String tenant) {
    return new Docs(tenant);
  }

  public String tenant() {
    return tenant;
  }

  public Docs user(String id, String username) {
    document.getJsonArray("users").add(new JsonObject().put("tenant", tenant).put("id", id)
        .put("username", username));
    return this;
  }

  public Docs user(JsonObject user) {
    document.getJsonArray("users").add(user.copy().put("tenant", tenant));
    return this;
  }

  public Docs room(String id, long number, String... members) {
    JsonArray list = new JsonArray();
    for (String m : members) {
      list.add(m);
    }
    document.getJsonArray("rooms").add(new JsonObject().put("tenant", tenant).put("id", id)
        .put("number", number).put("name", id).put("members", list));
    return this;
  }

  public Docs message(String id, String room, String sender, String text, Instant createdAt) {
    return message(new JsonObject().put("id", id).put("room", room).put("sender", sender)
        .put("text", text).put("createdAt", createdAt.toString()));
  }

  public Docs message(JsonObject message) {
    document.getJsonArray("messages").add(message.copy().put("tenant", tenant));
    return this;
  }

  public Docs session(String user, String token, Instant expiresAt) {
    document.getJsonArray("sessions").add(new JsonObject().put("tenant", tenant).put("user", user)
        .put("token", token).put("expiresAt", expiresAt.toString()));
    return this;
  }

  public JsonObject json() {
    return document.copy();
  }
}
