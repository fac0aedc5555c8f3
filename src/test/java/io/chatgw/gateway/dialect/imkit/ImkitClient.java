package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Calls {@code GET /rooms/{id}/messages/v3} with a tenant's client key and a user's JWT. */
public final class ImkitClient {

  final Http http;
  final String tenant;
  final String key;
  final String jwt;

  public ImkitClient(Http http, String tenant, String key, String jwt) {
    this.http = http;
    this.tenant = tenant;
    this.key = key;
    this.jwt = jwt;
  }

  /** Loads the document, mints a client key of its tenant and a JWT for {@code user}. */
  static ImkitClient load(Http http, Docs docs, String user) {
    Admin admin = new Admin(http);
    admin.load(docs.json());
    Http.Response key = admin.newKey(docs.tenant());
    assertEquals(201, key.status(), key.body());
    return new ImkitClient(http, docs.tenant(), key.json().getString("apiKey"),
        admin.tokens(docs.tenant(), user).getString("jwt"));
  }

  /** The same tenant's key with another user's JWT. */
  ImkitClient as(String user) {
    return new ImkitClient(http, tenant, key, new Admin(http).tokens(tenant, user).getString("jwt"));
  }

  Http.Response get(String room, String query) {
    return get(room, query, key, jwt);
  }

  /** {@code key} or {@code authorization} null leaves that header out. */
  public Http.Response get(String room, String query, String key, String authorization) {
    String uri = "/rooms/" + room + "/messages/v3" + (query == null || query.isEmpty() ? "" : "?" + query);
    List<String> headers = new ArrayList<>();
    if (key != null) {
      headers.add("IM-CLIENT-KEY");
      headers.add(key);
    }
    if (authorization != null) {
      headers.add("IM-Authorization");
      headers.add(authorization);
    }
    return http.get(uri, headers.toArray(String[]::new));
  }

  /** A successful page's message ids, in the order given. */
  List<String> ids(String room, String query) {
    Http.Response response = get(room, query);
    assertEquals(200, response.status(), response.body());
    return ids(response);
  }

  static List<String> ids(Http.Response response) {
    JsonArray data = response.json().getJsonObject("result").getJsonArray("data");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      ids.add(data.getJsonObject(i).getString("_id"));
    }
    return ids;
  }

  /** The body with the varying {@code "tookMS":n} replaced by {@code "tookMS":0}. */
  public static String withoutTook(String body) {
    return body.replaceFirst("\"tookMS\":\\d+}", "\"tookMS\":0}");
  }

  static JsonObject result(Http.Response response) {
    return response.json().getJsonObject("result");
  }

  /** Asserts an IMKit error: status, exact body and content type. */
  public static void assertError(Http.Response response, int status, String rm, String code, String message) {
    assertEquals(status, response.status(), response.body());
    assertEquals("{\"RC\":" + status + ",\"RM\":\"" + rm + "\",\"error\":{\"code\":\"" + code
        + "\",\"message\":\"" + message + "\"}}", response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
  }

  public static void assertUnauthorized(Http.Response response) {
    assertError(response, 401, "Unauthorized", "INVALID_TOKEN", "Invalid or expired token");
  }

  static void assertBadRequest(Http.Response response, String message) {
    assertError(response, 400, "Bad Request", "INVALID_PARAMETER", message);
  }

  public static void assertRoomNotFound(Http.Response response) {
    assertError(response, 404, "Room not found", "ROOM_NOT_FOUND", "The specified room does not exist");
  }

  public static void assertNotMember(Http.Response response) {
    assertError(response, 403, "Forbidden", "NOT_ROOM_MEMBER", "Client is not in the room or room does not exist");
  }
}
