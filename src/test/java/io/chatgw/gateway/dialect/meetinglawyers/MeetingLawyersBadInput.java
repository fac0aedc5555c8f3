package io.chatgw.gateway.dialect.meetinglawyers;

import static io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * MeetingLawyers in the bad-input table (dialects.md §4): {@code room} a positive number,
 * {@code limit} 1..500, {@code older} true|false|1|0, {@code pivot} a message id of the room.
 */
public final class MeetingLawyersBadInput implements BadInputDialect {

  private MeetingLawyersClient member;

  @Override
  public void load(Http http) {
    Docs data = Docs.newTenant("bad-ml").user("u1", "member").room("room-1", 7, "u1")
        .message("m1", "room-1", "u1", "hello", Instant.now().minusSeconds(60));
    new Admin(http).load(data.json());
    member = MeetingLawyersClient.of(http, data.tenant(), "u1");
  }

  @Override
  public String name() {
    return "MeetingLawyers";
  }

  @Override
  public String room() {
    return "7";
  }

  @Override
  public String uri(String room, String query) {
    return MeetingLawyersClient.PATH + "?room=" + room + (query.isEmpty() ? "" : "&" + query);
  }

  @Override
  public String uriWithEscapeInPath(String escape) {
    return MeetingLawyersClient.PATH + escape + "?room=7";
  }

  @Override
  public List<String> headers() {
    return List.of("Api-Key", member.apiKey(), "Authorization", "Bearer " + member.jwt());
  }

  @Override
  public Answer ok() {
    return r -> {
      assertEquals(200, r.status(), r.body());
      assertEquals(List.of("m1"), r.jsonArray().stream()
          .map(m -> ((JsonObject) m).getString("message_id")).toList(), r.body());
    };
  }

  @Override
  public List<NumberParam> numbers() {
    return List.of(
        new NumberParam("room", 1, Long.MAX_VALUE, "7", bad("room must be a positive integer")),
        new NumberParam("limit", 1, 500, "50", bad("limit must be an integer between 1 and 500")));
  }

  @Override
  public List<IdParam> ids() {
    return List.of(new IdParam("room", false, bad("room must be a positive integer")),
        new IdParam("pivot", false, bad("pivot is not a message of this room")));
  }

  @Override
  public List<WordParam> words() {
    return List.of(new WordParam("older", List.of("yes", "TRUE", "2", "01", "%20true"), "false",
        bad("older must be one of true, false, 1, 0")));
  }

  @Override
  public List<String> queryParams() {
    return List.of("room", "limit", "older", "pivot");
  }

  /** Decision: an undecodable query string is malformed input as a whole, whichever parameter. */
  @Override
  public Answer badQueryEscape(String param) {
    return bad("malformed query string");
  }

  @Override
  public Answer badPathEscape() {
    return bad("malformed percent-escape in the path");
  }

  /** {@code /chat/message%FF} decodes fine and is simply another path. */
  @Override
  public Answer notTextInPath() {
    return r -> {
      assertEquals(404, r.status(), r.body());
      assertEquals("{\"error\":\"not found\"}", r.body());
    };
  }

  private static Answer bad(String message) {
    return r -> assertError(r, 400, message);
  }
}
