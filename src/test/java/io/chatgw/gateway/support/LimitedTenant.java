package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A tenant shaped like {@link TwoTenants}' A (user {@code u1}, room {@code room-a} number 1 with a
 * message of {@link TwoTenants#TEXT}), imported with the given {@code rateLimit} member (null: none),
 * with an API key, a session token and a JWT of {@code u1}: every dialect can read its room.
 */
public record LimitedTenant(String id, String apiKey, String sessionToken, String jwt) {

  public static LimitedTenant load(Http http, String prefix, JsonObject rateLimit) {
    Admin admin = new Admin(http);
    Docs docs = Docs.newTenant(prefix).user(TwoTenants.USER, "alice")
        .room(TwoTenants.ROOM_ID, TwoTenants.ROOM_NUMBER, TwoTenants.USER)
        .message("m1", TwoTenants.ROOM_ID, TwoTenants.USER, TwoTenants.TEXT, Instant.now().minusSeconds(60));
    admin.load(withRateLimit(docs.json(), rateLimit));
    Http.Response key = admin.newKey(docs.tenant());
    assertEquals(201, key.status(), key.body());
    JsonObject tokens = admin.tokens(docs.tenant(), TwoTenants.USER);
    return new LimitedTenant(docs.tenant(), key.json().getString("apiKey"), tokens.getString("sessionToken"),
        tokens.getString("jwt"));
  }

  /** An import document of just this tenant, with {@code rateLimit} as given (null: the member left out). */
  public JsonObject tenantDocument(Object rateLimit, boolean present) {
    JsonObject tenant = new JsonObject().put("id", id).put("name", id);
    if (present) {
      tenant.put("rateLimit", rateLimit);
    }
    return new JsonObject().put("tenants", new io.vertx.core.json.JsonArray().add(tenant));
  }

  private static JsonObject withRateLimit(JsonObject document, JsonObject rateLimit) {
    if (rateLimit != null) {
      document.getJsonArray("tenants").getJsonObject(0).put("rateLimit", rateLimit);
    }
    return document;
  }
}
