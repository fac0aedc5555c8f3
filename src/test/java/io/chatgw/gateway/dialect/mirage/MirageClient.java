package io.chatgw.gateway.dialect.mirage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Http;

/** Mirage requests and the assertion on its error answers, shared by the Mirage tests and the cross-dialect ones. */
public final class MirageClient {

  public static final String PATH = "/api/get_room_messages?room_id=";

  private final Http http;

  public MirageClient(Http http) {
    this.http = http;
  }

  /** {@code GET /api/get_room_messages?room_id={roomId}} with {@code Authorization} when not null. */
  public Http.Response get(String roomId, String authorization) {
    return authorization == null ? http.get(PATH + roomId) : http.get(PATH + roomId, "Authorization", authorization);
  }

  /** An error answer: the status, exactly {@code {"error":"<error>"}}, and the JSON content type. */
  public static void assertError(Http.Response response, int status, String error) {
    assertEquals(status, response.status(), response.body());
    assertEquals("{\"error\":\"" + error + "\"}", response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
  }
}
