package io.chatgw.gateway.dialect.deadsimplechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Http;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** Requests and assertions in the DeadSimpleChat shape, shared by this package's tests. */
public final class DeadSimpleChatClient {

  static final String JSON = "application/json; charset=utf-8";

  private final Http http;

  DeadSimpleChatClient(Http http) {
    this.http = http;
  }

  public static String path(String roomId, String query) {
    return "/consumer/api/v1/chatRoom/" + roomId + "/messages" + (query == null ? "" : "?" + query);
  }

  Http.Response get(String roomId, String query) {
    return http.get(path(roomId, query));
  }

  /** The ids of the answer's messages, in the order given; asserts a 200. */
  List<String> ids(String roomId, String query) {
    Http.Response response = get(roomId, query);
    assertEquals(200, response.status(), response.body());
    JsonArray messages = response.json().getJsonArray("messages");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      ids.add(messages.getJsonObject(i).getString("_id"));
    }
    assertEquals(ids.size(), response.json().getInteger("count"), "count is the number returned");
    return ids;
  }

  public static void assertError(Http.Response response, int status, String message) {
    assertEquals(status, response.status(), response.body());
    assertEquals("{\"message\":\"" + message + "\"}", response.body());
    assertEquals(JSON, response.header("Content-Type"));
  }
}
