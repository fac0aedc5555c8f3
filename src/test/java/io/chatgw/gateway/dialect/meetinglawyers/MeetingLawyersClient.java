package io.chatgw.gateway.dialect.meetinglawyers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Http;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** A MeetingLawyers client of one user: its tenant's API key and its JWT, on GET /chat/message. */
public record MeetingLawyersClient(Http http, String apiKey, String jwt) {

  public static final String PATH = "/chat/message";

  /** A new API key of the tenant and a fresh JWT of the user, minted through the admin API. */
  static MeetingLawyersClient of(Http http, String tenant, String user) {
    Admin admin = new Admin(http);
    Http.Response key = admin.newKey(tenant);
    assertEquals(201, key.status(), key.body());
    return new MeetingLawyersClient(http, key.json().getString("apiKey"),
        admin.tokens(tenant, user).getString("jwt"));
  }

  MeetingLawyersClient as(String otherJwt) {
    return new MeetingLawyersClient(http, apiKey, otherJwt);
  }

  /** {@code GET /chat/message?<query>} with this client's credentials. */
  Http.Response get(String query) {
    return http.get(PATH + "?" + query, "Api-Key", apiKey, "Authorization", "Bearer " + jwt,
        "Accept", "application/json");
  }

  /** The same with the given header values; null leaves a header out. */
  public Http.Response get(String query, String apiKeyHeader, String authorizationHeader) {
    List<String> headers = new ArrayList<>();
    if (apiKeyHeader != null) {
      headers.add("Api-Key");
      headers.add(apiKeyHeader);
    }
    if (authorizationHeader != null) {
      headers.add("Authorization");
      headers.add(authorizationHeader);
    }
    return http.get(PATH + "?" + query, headers.toArray(String[]::new));
  }

  /** The message ids of a successful answer, in the order given. */
  List<String> ids(String query) {
    Http.Response response = get(query);
    assertEquals(200, response.status(), response.body());
    JsonArray messages = response.jsonArray();
    List<String> ids = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      ids.add(messages.getJsonObject(i).getString("message_id"));
    }
    return ids;
  }

  /** An error answer: the status, and exactly {@code {"code":<status>,"message":"<message>"}}. */
  public static void assertError(Http.Response response, int status, String message) {
    assertEquals(status, response.status(), response.body());
    assertEquals("{\"code\":" + status + ",\"message\":\"" + message + "\"}", response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
  }
}
