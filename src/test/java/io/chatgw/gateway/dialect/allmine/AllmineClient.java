package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Allmine requests and the assertions on its answers, shared by the Allmine tests. */
public final class AllmineClient {

  public static final String PATH = "/api/v1/messages/chat/";
  static final Pattern TIMESTAMP = Pattern.compile(
      ",\"timestamp\":\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)\"}$");

  private final Http http;

  public AllmineClient(Http http) {
    this.http = http;
  }

  /** {@code GET /api/v1/messages/chat/{chatId}{query}} with {@code Authorization} when not null. */
  public Http.Response get(String chatId, String query, String authorization) {
    String uri = PATH + chatId + query;
    return authorization == null ? http.get(uri) : http.get(uri, "Authorization", authorization);
  }

  public Http.Response bearer(String chatId, String query, String jwt) {
    return get(chatId, query, "Bearer " + jwt);
  }

  /** The message ids of a 200 answer, in order. */
  List<String> ids(String chatId, String query, String jwt) {
    Http.Response response = bearer(chatId, query, jwt);
    assertEquals(200, response.status(), response.body());
    JsonArray messages = response.json().getJsonArray("messages");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      ids.add(messages.getJsonObject(i).getString("_id"));
    }
    return ids;
  }

  /**
   * The whole wrapper, to the character: every field present, {@code errors} exactly as given,
   * and a {@code timestamp} in ISO-8601 UTC with milliseconds taken while the request ran.
   */
  public static void assertError(Http.Response response, int status, String... errors) {
    assertEquals(status, response.status(), response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    Matcher timestamp = TIMESTAMP.matcher(response.body());
    assertTrue(timestamp.find(), response.body());
    JsonArray expected = new JsonArray();
    for (String error : errors) {
      expected.add(error);
    }
    assertEquals("{\"isSuccess\":false,\"statusCode\":" + status + ",\"data\":null,\"errors\":"
        + expected.encode() + ",\"timestamp\":\"" + timestamp.group(1) + "\"}", response.body());
  }

  /** Like {@link #assertError}, and the timestamp lies between {@code before} and now. */
  static void assertErrorAt(Http.Response response, Instant before, int status, String... errors) {
    assertError(response, status, errors);
    Matcher timestamp = TIMESTAMP.matcher(response.body());
    assertTrue(timestamp.find());
    Instant at = Instant.parse(timestamp.group(1));
    assertTrue(!at.isBefore(before.minusMillis(1)) && !at.isAfter(Instant.now()), response.body());
  }

  /** The body with the error timestamp blanked out: what must match byte for byte. */
  public static String withoutTimestamp(String body) {
    return TIMESTAMP.matcher(body).replaceFirst(",\"timestamp\":\"-\"}");
  }

  static JsonObject json(String body) {
    return new JsonObject(body);
  }
}
