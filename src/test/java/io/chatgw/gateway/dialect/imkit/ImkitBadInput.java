package io.chatgw.gateway.dialect.imkit;

import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import java.time.Instant;
import java.util.List;

/**
 * IMKit in the bad-input table (dialects.md §5): {@code limit} 1..500, {@code afterTime} as epoch
 * milliseconds (years 0001..9999, so at most 253402300799999) or ISO-8601, {@code timeRangeField}
 * one of three names, {@code afterMessage}/{@code beforeMessage} message ids, the room id in the path.
 */
public final class ImkitBadInput implements BadInputDialect {

  private ImkitClient member;

  @Override
  public void load(Http http) {
    Docs data = Docs.newTenant("bad-imkit").user("u1", "member").room("room-1", 7, "u1")
        .message("m1", "room-1", "u1", "hello", Instant.now().minusSeconds(60));
    member = ImkitClient.load(http, data, "u1");
  }

  @Override
  public String name() {
    return "IMKit";
  }

  @Override
  public String room() {
    return "room-1";
  }

  @Override
  public String uri(String room, String query) {
    return "/rooms/" + room + "/messages/v3" + (query.isEmpty() ? "" : "?" + query);
  }

  @Override
  public String uriWithEscapeInPath(String escape) {
    return uri(room() + escape, "");
  }

  @Override
  public List<String> headers() {
    return List.of(ImkitRoute.CLIENT_KEY, member.key, ImkitRoute.AUTHORIZATION, member.jwt);
  }

  @Override
  public Answer ok() {
    return r -> {
      assertEquals(200, r.status(), r.body());
      assertTrue(r.body().startsWith("{\"RC\":0,\"RM\":\"OK\",\"result\":{\"totalCount\":1,\"data\":["), r.body());
    };
  }

  @Override
  public List<NumberParam> numbers() {
    return List.of(
        new NumberParam("limit", 1, 500, "20", bad(ImkitChecksTest.LIMIT_TEXT)),
        new NumberParam("afterTime", 0, 253_402_300_799_999L, "0", bad(ImkitChecksTest.TIME_TEXT)));
  }

  @Override
  public List<IdParam> ids() {
    return List.of(new IdParam("id", true, ImkitClient::assertRoomNotFound),
        new IdParam("afterMessage", false, bad(ImkitChecksTest.AFTER_TEXT)),
        new IdParam("beforeMessage", false, bad(ImkitChecksTest.BEFORE_TEXT)));
  }

  @Override
  public List<WordParam> words() {
    return List.of(
        new WordParam("afterTime", List.of("junk", "", "now", "NaN", "Infinity", "2020-10-15", "2020-13-01T00:00:00Z",
            "2020-02-30T00:00:00Z", "2020-10-15T03:50:04ZZ", "2020-10-15T03:50:04%2B25:00",
            "%2B10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "1602817267000.5", "%202020-10-15T03:50:04Z",
            "2020-10-15T03:50:04Z%20", "%D9%A2020-10-15T03:50:04Z"),
            "2020-10-15T03:50:04Z", bad(ImkitChecksTest.TIME_TEXT)),
        new WordParam("timeRangeField", List.of("junk", "", "UPDATEDAT", "updatedat", "updated_at", "createdAt%20",
            "%20createdAt", "messageTimeMS", "_id", "1"),
            "createdAt", bad(ImkitChecksTest.FIELD_TEXT)));
  }

  @Override
  public List<String> queryParams() {
    return List.of("limit", "afterTime", "timeRangeField", "afterMessage", "beforeMessage");
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

  @Override
  public Answer notTextInPath() {
    return bad("malformed room id");
  }

  private static Answer bad(String message) {
    return r -> assertBadRequest(r, message);
  }
}
