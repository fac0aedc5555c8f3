package io.chatgw.gateway.dialect.deadsimplechat;

import static io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import java.time.Instant;
import java.util.List;

/**
 * DeadSimpleChat in the bad-input table (dialects.md §2): {@code limit} 1..1000, {@code skip}
 * 0..10000000, {@code onlyAttachments} true|false, the room id in the path, the key in {@code auth}.
 * A bad escape spoils only its own parameter (decisions.md).
 */
public final class DeadSimpleChatBadInput implements BadInputDialect {

  private static final String UNAUTHORIZED = "Unauthorized: auth is missing or is not a valid private key";
  private static final Answer NOT_FOUND = r -> assertError(r, 404, "Chat room not found");

  private String key;

  @Override
  public void load(Http http) {
    Docs data = Docs.newTenant("bad-dsc").user("u1", "member").room("room-1", 7, "u1")
        .message("m1", "room-1", "u1", "hello", Instant.now().minusSeconds(60));
    Admin admin = new Admin(http);
    admin.load(data.json());
    key = admin.newKey(data.tenant()).json().getString("apiKey");
  }

  @Override
  public String name() {
    return "DeadSimpleChat";
  }

  @Override
  public String room() {
    return "room-1";
  }

  @Override
  public String uri(String room, String query) {
    return DeadSimpleChatClient.path(room, "auth=" + key + (query.isEmpty() ? "" : "&" + query));
  }

  @Override
  public String uriWithEscapeInPath(String escape) {
    return uri(room() + escape, "");
  }

  @Override
  public List<String> headers() {
    return List.of();
  }

  @Override
  public Answer ok() {
    return r -> {
      assertEquals(200, r.status(), r.body());
      assertTrue(r.body().matches("\\{\"limit\":\\d+,\"skip\":\\d+,\"totalRecords\":1,\"count\":[01],\"messages\":\\[.*]}"),
          r.body());
    };
  }

  @Override
  public List<NumberParam> numbers() {
    return List.of(
        new NumberParam("limit", 1, 1000, "1", bad("limit must be an integer from 1 to 1000")),
        new NumberParam("skip", 0, 10_000_000, "0", bad("skip must be an integer from 0 to 10000000")));
  }

  @Override
  public List<IdParam> ids() {
    return List.of(new IdParam("roomId", true, NOT_FOUND),
        new IdParam("auth", false, r -> assertError(r, 401, UNAUTHORIZED)));
  }

  @Override
  public List<WordParam> words() {
    return List.of(new WordParam("onlyAttachments", List.of("TRUE", "yes", "1", "", "%20true"), "false",
        bad("onlyAttachments must be true or false")));
  }

  @Override
  public List<String> queryParams() {
    return List.of("auth", "limit", "skip", "onlyAttachments");
  }

  @Override
  public Answer badQueryEscape(String param) {
    return switch (param) {
      case "auth" -> r -> assertError(r, 401, UNAUTHORIZED);
      case "limit" -> numbers().get(0).whenBad();
      case "skip" -> numbers().get(1).whenBad();
      case "onlyAttachments" -> words().get(0).whenBad();
      default -> ok();
    };
  }

  @Override
  public Answer badPathEscape() {
    return bad("malformed percent-escape in the path");
  }

  /** No room has an id that is not text. */
  @Override
  public Answer notTextInPath() {
    return NOT_FOUND;
  }

  private static Answer bad(String message) {
    return r -> assertError(r, 400, message);
  }
}
