package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;

/** Calls the real admin API: imports documents and mints credentials for tests. */
public final class Admin {

  private final Http http;

  public Admin(Http http) {
    this.http = http;
  }

  public Http.Response importJson(JsonObject document) {
    return http.post("/admin/v1/import", document.toBuffer(),
        "Authorization", "Bearer " + TestGateway.ADMIN_TOKEN, "Content-Type", "application/json");
  }

  public Http.Response importNdjson(String lines) {
    return http.post("/admin/v1/import", io.vertx.core.buffer.Buffer.buffer(lines),
        "Authorization", "Bearer " + TestGateway.ADMIN_TOKEN, "Content-Type", "application/x-ndjson");
  }

  /** Imports and asserts it worked. */
  public void load(JsonObject document) {
    Http.Response response = importJson(document);
    assertEquals(200, response.status(), response.body());
  }

  public Http.Response mint(String tenant, JsonObject body) {
    return http.post("/admin/v1/tenants/" + tenant + "/tokens", body.toBuffer(),
        "Authorization", "Bearer " + TestGateway.ADMIN_TOKEN, "Content-Type", "application/json");
  }

  /** A fresh session token and JWT for a user: {@code {"jwt","sessionToken","expiresAt"}}. */
  public JsonObject tokens(String tenant, String user) {
    Http.Response response = mint(tenant, new JsonObject().put("user", user).put("ttlSeconds", 3600));
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  public Http.Response newKey(String tenant) {
    return http.post("/admin/v1/tenants/" + tenant + "/keys", new JsonObject().toBuffer(),
        "Authorization", "Bearer " + TestGateway.ADMIN_TOKEN, "Content-Type", "application/json");
  }
}
