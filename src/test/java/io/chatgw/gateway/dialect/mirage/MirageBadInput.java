package io.chatgw.gateway.dialect.mirage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import java.time.Instant;
import java.util.List;

/**
 * Mirage in the bad-input table (dialects.md §1): {@code room_id} is the one parameter, a positive
 * integer; anything else is check 3's 403, a query that cannot be decoded has no room id (400).
 */
public final class MirageBadInput implements BadInputDialect {

  private static final String PATH = "/api/get_room_messages";
  private static final Answer NOT_IN_ROOM = r -> MirageClient.assertError(r, 403, "you are not in this room");
  private static final Answer MISSING = r -> MirageClient.assertError(r, 400, "missing token or room id");

  private String token;

  @Override
  public void load(Http http) {
    Docs data = Docs.newTenant("bad-mirage").user("u1", "member").room("room-1", 7, "u1")
        .message("m1", "room-1", "u1", "hello", Instant.now().minusSeconds(60));
    Admin admin = new Admin(http);
    admin.load(data.json());
    token = admin.tokens(data.tenant(), "u1").getString("sessionToken");
  }

  @Override
  public String name() {
    return "Mirage";
  }

  @Override
  public String room() {
    return "7";
  }

  @Override
  public String uri(String room, String query) {
    return PATH + "?room_id=" + room + (query.isEmpty() ? "" : "&" + query);
  }

  @Override
  public String uriWithEscapeInPath(String escape) {
    return PATH + escape + "?room_id=7";
  }

  @Override
  public List<String> headers() {
    return List.of("Authorization", token);
  }

  @Override
  public Answer ok() {
    return r -> {
      assertEquals(200, r.status(), r.body());
      assertTrue(r.body().startsWith("{\"messages\":[{\"username\":\"member\",\"message\":\"hello\""), r.body());
    };
  }

  @Override
  public List<NumberParam> numbers() {
    return List.of(new NumberParam("room_id", 1, Long.MAX_VALUE, "7", NOT_IN_ROOM));
  }

  @Override
  public List<IdParam> ids() {
    return List.of(new IdParam("room_id", false, NOT_IN_ROOM));
  }

  @Override
  public List<WordParam> words() {
    return List.of();
  }

  @Override
  public List<String> queryParams() {
    return List.of("room_id");
  }

  /** Decision: an undecodable query string has no readable room id, so it is check 1's 400. */
  @Override
  public Answer badQueryEscape(String param) {
    return MISSING;
  }

  /** The fallback for undecodable paths answers in the format of the dialect the path starts like. */
  @Override
  public Answer badPathEscape() {
    return MISSING;
  }

  /** {@code /api/get_room_messages%FF} decodes fine and is simply another path. */
  @Override
  public Answer notTextInPath() {
    return r -> {
      assertEquals(404, r.status(), r.body());
      assertEquals("{\"error\":\"not found\"}", r.body());
    };
  }
}
