package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.support.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Calls {@code GET /v1/rooms/{roomId}/messages} over real HTTP with a Bearer token. */
record V1Client(Http http, String token) {

  Http.Response get(String room, String query, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + token;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http.get("/v1/rooms/" + room + "/messages" + (query.isEmpty() ? "" : "?" + query), all);
  }

  /** The ids of a 200's messages, in order. */
  static List<String> ids(Http.Response response) {
    List<String> ids = new ArrayList<>();
    JsonArray messages = response.json().getJsonArray("messages");
    for (int i = 0; i < messages.size(); i++) {
      ids.add(messages.getJsonObject(i).getString("id"));
    }
    return ids;
  }

  static String prev(Http.Response response) {
    return response.json().getString("prev");
  }

  static String next(Http.Response response) {
    return response.json().getString("next");
  }

  static JsonObject error(Http.Response response) {
    return response.json();
  }
}
