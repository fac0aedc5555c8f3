package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §3, paging: page 1 is the newest {@code limit} messages, each page newest first;
 * total = live messages; totalPages = ceil(total / limit); a page past the end is empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllminePagingTest {

  static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
  static final int LIVE = 45;

  Http http;
  Admin admin;
  AllmineClient allmine;
  Docs data;
  String jwt;
  /** The 45 live message ids of "chat", newest first. */
  List<String> newestFirst = new ArrayList<>();

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    allmine = new AllmineClient(http);
    data = Docs.newTenant("allmine-paging").user("u1", "john").room("chat", 1, "u1").room("empty", 2, "u1")
        .room("ties", 3, "u1");
    for (int i = 0; i < LIVE; i++) {
      data.message("m" + i, "chat", "u1", "text " + i, T0.plusSeconds(i));
      newestFirst.add(0, "m" + i);
      if (i % 10 == 5) {
        data.message(new JsonObject().put("id", "deleted" + i).put("room", "chat").put("sender", "u1")
            .put("deleted", true).put("createdAt", T0.plusSeconds(i).plusMillis(500).toString()));
      }
    }
    admin.load(data.json());
    jwt = TestJwts.valid(data.tenant(), "u1");
  }

  @AfterAll
  void close() {
    http.close();
  }

  JsonObject page(String room, String query) {
    Http.Response response = allmine.bearer(room, query, jwt);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  static String totals(JsonObject page) {
    return page.getLong("page") + "/" + page.getLong("limit") + " total " + page.getLong("total") + " pages "
        + page.getLong("totalPages") + " next " + page.getBoolean("hasNextPage")
        + " previous " + page.getBoolean("hasPreviousPage") + " size " + page.getJsonArray("messages").size();
  }

  @ParameterizedTest
  @CsvSource({
      "'',                   1/20 total 45 pages 3 next true previous false size 20",
      "?page=2,              2/20 total 45 pages 3 next true previous true size 20",
      "?page=3,              3/20 total 45 pages 3 next false previous true size 5",
      "?page=4,              4/20 total 45 pages 3 next false previous true size 0",
      "?limit=45,            1/45 total 45 pages 1 next false previous false size 45",
      "?limit=44&page=2,     2/44 total 45 pages 2 next false previous true size 1",
      "?limit=100,           1/100 total 45 pages 1 next false previous false size 45",
      "?limit=1&page=45,     45/1 total 45 pages 45 next false previous true size 1",
      "?limit=1&page=46,     46/1 total 45 pages 45 next false previous true size 0",
      "?page=9223372036854775807&limit=100, 9223372036854775807/100 total 45 pages 1 next false previous true size 0",
      "?page=9223372036854775807&limit=1,   9223372036854775807/1 total 45 pages 45 next false previous true size 0",
      "?page=92233720368547759&limit=100,   92233720368547759/100 total 45 pages 1 next false previous true size 0",
  })
  void pagesAndTotals(String query, String expected) {
    assertEquals(expected, totals(page("chat", query)));
  }

  @Test
  void aPageIsTheNextLimitMessagesNewestFirst() {
    assertEquals(newestFirst.subList(0, 20), allmine.ids("chat", "", jwt));
    assertEquals(newestFirst.subList(20, 40), allmine.ids("chat", "?page=2", jwt));
    assertEquals(newestFirst.subList(40, 45), allmine.ids("chat", "?page=3", jwt));
    assertEquals(newestFirst.subList(14, 21), allmine.ids("chat", "?page=3&limit=7", jwt));
  }

  @Test
  void aPagePastTheEndHasNoMessagesButTheSameTotals() {
    JsonObject past = page("chat", "?page=4");
    assertEquals("[]", past.getJsonArray("messages").encode());
    assertEquals(page("chat", "").getJsonArray("participants"), past.getJsonArray("participants"));
    assertEquals("[]", page("chat", "?page=9223372036854775807&limit=100").getJsonArray("messages").encode());
  }

  @Test
  void anEmptyChatHasZeroPages() {
    assertEquals("1/20 total 0 pages 0 next false previous false size 0", totals(page("empty", "")));
    assertEquals("2/20 total 0 pages 0 next false previous true size 0", totals(page("empty", "?page=2")));
  }

  @Test
  void deletingAMessageLowersTheTotalAndClosesTheGap() {
    Docs d = Docs.newTenant("allmine-delete").user("u1", "john").room("chat", 1, "u1");
    for (int i = 0; i < 5; i++) {
      d.message("m" + i, "chat", "u1", "text", T0.plusSeconds(i));
    }
    admin.load(d.json());
    String token = TestJwts.valid(d.tenant(), "u1");
    assertEquals(List.of("m2", "m1"), allmine.ids("chat", "?page=2&limit=2", token));
    admin.load(Docs.newTenant("allmine-delete-unused").json());
    JsonObject again = d.json();
    again.getJsonArray("messages").getJsonObject(3).put("deleted", true);
    admin.load(again);
    assertEquals(List.of("m4", "m2"), allmine.ids("chat", "?page=1&limit=2", token));
    assertEquals(List.of("m1", "m0"), allmine.ids("chat", "?page=2&limit=2", token));
    JsonObject body = allmine.bearer("chat", "?limit=2", token).json();
    assertEquals(4, body.getLong("total"));
    assertEquals(2, body.getLong("totalPages"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7, 13, 100})
  void messagesSharingATimestampPageWithoutDuplicatesOrGaps(int limit) {
    Docs d = Docs.newTenant("allmine-ties").user("u1", "john").room("ties", 1, "u1");
    List<String> expected = new ArrayList<>();
    d.message("before", "ties", "u1", "x", T0.minusMillis(1));
    expected.add(0, "before");
    for (String id : new String[] {"zz", "aa", "mm", "bb", "yy", "cc", "xx", "dd", "ww", "ee", "vv", "ff"}) {
      d.message(id, "ties", "u1", "same instant", T0); // insertion order breaks the tie
      expected.add(0, id);
    }
    d.message("after", "ties", "u1", "x", T0.plusMillis(1));
    expected.add(0, "after");
    admin.load(d.json());
    String token = TestJwts.valid(d.tenant(), "u1");
    List<String> seen = new ArrayList<>();
    for (int page = 1; ; page++) {
      List<String> ids = allmine.ids("ties", "?limit=" + limit + "&page=" + page, token);
      if (ids.isEmpty()) {
        assertEquals((expected.size() + limit - 1) / limit + 1, page);
        break;
      }
      seen.addAll(ids);
    }
    assertEquals(expected, seen);
    assertEquals(seen.size(), new HashSet<>(seen).size());
  }
}
