package io.chatgw.gateway.dialect.allmine;

import static io.chatgw.gateway.dialect.allmine.AllmineClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import java.time.Instant;
import java.util.List;

/**
 * Allmine in the bad-input table (dialects.md §3): {@code page} >= 1 (a long), {@code limit}
 * 1..100, the chat id in the path; every error in the wrapper with all fields.
 */
public final class AllmineBadInput implements BadInputDialect {

  private static final Answer NOT_FOUND = r -> assertError(r, 404, "Resource not found");

  private String jwt;

  @Override
  public void load(Http http) {
    Docs data = Docs.newTenant("bad-allmine").user("u1", "member").room("room-1", 7, "u1")
        .message("m1", "room-1", "u1", "hello", Instant.now().minusSeconds(60));
    Admin admin = new Admin(http);
    admin.load(data.json());
    jwt = admin.tokens(data.tenant(), "u1").getString("jwt");
  }

  @Override
  public String name() {
    return "Allmine";
  }

  @Override
  public String room() {
    return "room-1";
  }

  @Override
  public String uri(String room, String query) {
    return AllmineClient.PATH + room + (query.isEmpty() ? "" : "?" + query);
  }

  @Override
  public String uriWithEscapeInPath(String escape) {
    return uri(room() + escape, "");
  }

  @Override
  public List<String> headers() {
    return List.of("Authorization", "Bearer " + jwt);
  }

  @Override
  public Answer ok() {
    return r -> {
      assertEquals(200, r.status(), r.body());
      assertTrue(r.body().matches("\\{\"messages\":\\[.*],\"participants\":\\[.*],\"page\":\\d+,\"limit\":\\d+,"
          + "\"total\":1,\"totalPages\":1,\"hasNextPage\":false,\"hasPreviousPage\":(true|false)}"), r.body());
    };
  }

  @Override
  public List<NumberParam> numbers() {
    return List.of(
        new NumberParam("page", 1, Long.MAX_VALUE, "1", invalid("page must be between 1 and 9223372036854775807")),
        new NumberParam("limit", 1, 100, "20", invalid("limit must be between 1 and 100")));
  }

  @Override
  public List<IdParam> ids() {
    return List.of(new IdParam("chatId", true, NOT_FOUND));
  }

  @Override
  public List<WordParam> words() {
    return List.of();
  }

  @Override
  public List<String> queryParams() {
    return List.of("page", "limit");
  }

  /** Decision: an undecodable query string is malformed input as a whole, whichever parameter. */
  @Override
  public Answer badQueryEscape(String param) {
    return invalid("malformed query string");
  }

  @Override
  public Answer badPathEscape() {
    return invalid("malformed percent-escape in the path");
  }

  /** A chat id that is not UTF-8 names no chat. */
  @Override
  public Answer notTextInPath() {
    return NOT_FOUND;
  }

  private static Answer invalid(String detail) {
    return r -> assertError(r, 400, "Validation failed", detail);
  }
}
