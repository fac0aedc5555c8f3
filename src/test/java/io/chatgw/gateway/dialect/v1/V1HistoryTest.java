package io.chatgw.gateway.dialect.v1;

import static io.chatgw.gateway.dialect.v1.V1Client.ids;
import static io.chatgw.gateway.dialect.v1.V1Client.next;
import static io.chatgw.gateway.dialect.v1.V1Client.prev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * native-api.md, "History with cursors": {@code GET /v1/rooms/{roomId}/messages} over real HTTP —
 * the newest page, paging both ways with prev/next and Link, null exactly at the ends, around a
 * message or a time, deleted and hidden messages left out, and every error in the spec's shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V1HistoryTest {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  Http http;
  Admin admin;
  String tenant;
  V1Client alice;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    Docs d = Docs.newTenant("v1").user("u1", "alice").user("u2", "bob").user("u3", "carol")
        .room("r", 1, "u1", "u2").room("empty", 2, "u1").room("theirs", 3, "u3").room("side", 4, "u1")
        .message("s1", "side", "u1", "side 1", T0).message("s2", "side", "u1", "side 2", T0.plusSeconds(1));
    for (int i = 1; i <= 7; i++) {
      d.message("m" + i, "r", i % 2 == 0 ? "u2" : "u1", "text " + i, T0.plusSeconds(60L * i));
    }
    d.message(new JsonObject().put("id", "gone").put("room", "r").put("sender", "u1").put("text", "deleted")
        .put("createdAt", T0.plusSeconds(150).toString()).put("deleted", true));
    d.message(new JsonObject().put("id", "hidden").put("room", "r").put("sender", "u2").put("text", "hidden")
        .put("createdAt", T0.plusSeconds(210).toString()).put("hiddenBy", new JsonArray().add("u1")));
    admin.load(d.json());
    tenant = d.tenant();
    alice = new V1Client(http, admin.tokens(tenant, "u1").getString("jwt"));
  }

  @AfterAll
  void close() {
    http.close();
  }

  Http.Response ok(Http.Response response) {
    assertEquals(200, response.status(), response.body());
    return response;
  }

  void error(Http.Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    JsonObject body = response.json();
    assertEquals(code, body.getString("error"), response.body());
    assertTrue(body.getString("message") != null && !body.getString("message").isEmpty(), response.body());
    assertEquals(2, body.size(), response.body());
  }

  @Test
  void theNewestPageHasAPrevAndNoNext() {
    Http.Response page = ok(alice.get("r", "limit=3"));
    assertEquals(List.of("m5", "m6", "m7"), ids(page));
    assertNotNull(prev(page));
    assertNull(next(page));
    assertEquals("</v1/rooms/r/messages?limit=3&before=" + prev(page) + ">; rel=\"prev\"", page.header("Link"));
  }

  @Test
  void pagingBackAndForthVisitsEveryLiveMessageOnceWithNullExactlyAtTheEnds() {
    List<String> back = new ArrayList<>();
    Http.Response page = ok(alice.get("r", "limit=3"));
    back.addAll(0, ids(page));
    List<String> cursors = new ArrayList<>();
    while (prev(page) != null) {
      cursors.add(prev(page));
      page = ok(alice.get("r", "limit=3&before=" + prev(page)));
      back.addAll(0, ids(page));
    }
    assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7"), back, "deleted and hidden messages left out");
    assertEquals(List.of("m1"), ids(page));
    assertNotNull(next(page), "the oldest page has newer ones");
    List<String> forward = new ArrayList<>(ids(page));
    while (next(page) != null) {
      String link = page.header("Link");
      assertTrue(link.contains("<" + "/v1/rooms/r/messages?limit=3&after=" + next(page) + ">; rel=\"next\""), link);
      page = ok(alice.get("r", "limit=3&after=" + next(page)));
      forward.addAll(ids(page));
    }
    assertEquals(back, forward);
    assertEquals(List.of("m5", "m6", "m7"), ids(page), "the last page forward is the newest");
    assertNotNull(prev(page));
  }

  @Test
  void theDefaultLimitIs50AndTheLargest200() {
    assertEquals(7, ids(ok(alice.get("r", ""))).size());
    assertNull(prev(ok(alice.get("r", ""))), "all of the room: nothing older");
    ok(alice.get("r", "limit=200"));
    ok(alice.get("r", "limit=1"));
    for (String bad : List.of("limit=0", "limit=201", "limit=abc", "limit=-1", "limit=", "limit=1.5")) {
      error(alice.get("r", bad), 400, "invalid_parameter");
    }
  }

  @Test
  void aroundAMessageIsTheWindowCentredOnIt() {
    Http.Response page = ok(alice.get("r", "limit=4&around=m4"));
    assertEquals(List.of("m2", "m3", "m4", "m5"), ids(page), "half before, the message and the rest after");
    assertNotNull(prev(page));
    assertNotNull(next(page));
    assertEquals(List.of("m1"), ids(ok(alice.get("r", "limit=4&before=" + prev(page)))));
    assertEquals(List.of("m6", "m7"), ids(ok(alice.get("r", "limit=4&after=" + next(page)))));
    Http.Response edge = ok(alice.get("r", "limit=4&around=m7"));
    assertEquals(List.of("m5", "m6", "m7"), ids(edge));
    assertNull(next(edge), "nothing newer than m7");
  }

  @Test
  void aroundATimeTakesIsoOrEpochMilliseconds() {
    Instant between3And4 = T0.plusSeconds(210);
    Http.Response iso = ok(alice.get("r", "limit=2&aroundTime=" + between3And4));
    assertEquals(List.of("m3", "m4"), ids(iso));
    Http.Response millis = ok(alice.get("r", "limit=2&aroundTime=" + between3And4.toEpochMilli()));
    assertEquals(List.of("m3", "m4"), ids(millis));
    Http.Response offset = ok(alice.get("r", "limit=2&aroundTime=2026-01-01T12:03:30%2B02:00"));
    assertEquals(List.of("m3", "m4"), ids(offset));
    Http.Response beforeAll = ok(alice.get("r", "limit=2&aroundTime=2020-01-01T00:00:00Z"));
    assertEquals(List.of("m1"), ids(beforeAll));
    assertNull(prev(beforeAll));
    for (String bad : List.of("aroundTime=yesterday", "aroundTime=2026-01-01T10:00:00", "aroundTime=",
        "aroundTime=99999999999999999999")) {
      error(alice.get("r", bad), 400, "invalid_parameter");
    }
  }

  @Test
  void beforeAndAfterTakeAMessageIdToo() {
    assertEquals(List.of("m2", "m3"), ids(ok(alice.get("r", "limit=2&before=m4"))));
    assertEquals(List.of("m5", "m6"), ids(ok(alice.get("r", "limit=2&after=m4"))));
    assertEquals(List.of("m1", "m2"), ids(ok(alice.get("r", "limit=2&before=gone"))), "a deleted message is an anchor still");
  }

  @Test
  void anEmptyRoomHasNeitherPrevNorNext() {
    Http.Response page = ok(alice.get("empty", ""));
    assertEquals(new JsonObject().put("messages", new JsonArray()).putNull("prev").putNull("next"), page.json());
    assertNull(page.header("Link"));
  }

  @Test
  void badAnchorsAre400() {
    String cursor = prev(ok(alice.get("r", "limit=3")));
    String tampered = cursor.substring(0, 10) + (cursor.charAt(10) == 'A' ? 'B' : 'A') + cursor.substring(11);
    error(alice.get("r", "before=" + tampered), 400, "invalid_parameter");
    error(alice.get("r", "after=no-such-message"), 400, "invalid_parameter");
    error(alice.get("r", "before=m1&after=m2"), 400, "invalid_parameter");
    error(alice.get("r", "around=m1&aroundTime=2026-01-01T10:00:00Z"), 400, "invalid_parameter");
    error(alice.get("r", "before="), 400, "invalid_parameter");
    error(alice.get("r", "before=" + "x".repeat(3000)), 400, "invalid_parameter");
    String otherRoom = prev(ok(alice.get("side", "limit=1")));
    assertEquals(List.of("s1"), ids(ok(alice.get("side", "before=" + otherRoom))));
    error(alice.get("r", "before=" + otherRoom), 400, "invalid_parameter");
    error(alice.get("r", "after=s1"), 400, "invalid_parameter");
    error(alice.get("r", "limit=2&before=%zz"), 400, "invalid_parameter");
  }

  @Test
  void credentialsAreABearerJwtOrSessionToken() {
    JsonObject tokens = admin.tokens(tenant, "u2");
    assertEquals(200, new V1Client(http, tokens.getString("sessionToken")).get("r", "").status());
    assertEquals(200, http.get("/v1/rooms/r/messages", "Authorization", tokens.getString("jwt")).status());
    error(http.get("/v1/rooms/r/messages"), 401, "unauthorized");
    error(new V1Client(http, "not-a-token").get("r", ""), 401, "unauthorized");
    error(new V1Client(http, tokens.getString("jwt") + "x").get("r", ""), 401, "unauthorized");
    error(http.get("/v1/rooms/r/messages?limit=0"), 401, "unauthorized");
  }

  @Test
  void aRoomOfAnotherTenantIsNotFoundAndANonMemberIsRefused() {
    Docs other = Docs.newTenant("v1-other").user("u1", "mallory").room("r", 1, "u1")
        .message("secret", "r", "u1", "theirs", T0);
    admin.load(other.json());
    V1Client mallory = new V1Client(http, admin.tokens(other.tenant(), "u1").getString("jwt"));
    assertEquals(List.of("secret"), ids(ok(mallory.get("r", ""))), "each tenant sees its own room r");
    assertEquals(List.of("m7"), ids(ok(alice.get("r", "limit=1"))));
    error(mallory.get("empty", ""), 404, "room_not_found");
    error(alice.get("nowhere", ""), 404, "room_not_found");
    error(alice.get("theirs", ""), 403, "not_room_member");
    error(alice.get("r%2Fx", ""), 404, "room_not_found");
  }
}
