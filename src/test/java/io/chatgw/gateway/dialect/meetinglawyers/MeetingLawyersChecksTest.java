package io.chatgw.gateway.dialect.meetinglawyers;

import static io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md §4, the errors and their order: 401 credentials → 400 malformed room/limit/older →
 * 404 room → 403 membership → 400 pivot; every body {@code {"code":<status>,"message":"..."}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLawyersChecksTest {

  static final String UNAUTHORIZED = "invalid or missing credentials";
  static final String NOT_FOUND = "room not found";
  static final String NOT_MEMBER = "user is not a member of this room";
  static final String BAD_PIVOT = "pivot is not a message of this room";

  Http http;
  Docs a;
  Docs b;
  MeetingLawyersClient member;
  MeetingLawyersClient outsider;
  MeetingLawyersClient otherTenant;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Admin admin = new Admin(http);
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    a = Docs.newTenant("ml-checks").user("u1", "member").user("u2", "outsider")
        .room("main", 100, "u1").room("side", 200, "u1", "u2").room("third", 300, "u1")
        .message("a1", "main", "u1", "one", t).message("a2", "main", "u1", "two", t.plusSeconds(1))
        .message("a3", "main", "u1", "three", t.plusSeconds(2))
        .message(new JsonObject().put("id", "a-deleted").put("room", "main").put("sender", "u1")
            .put("text", "gone").put("deleted", true).put("createdAt", t.plusMillis(1500).toString()))
        .message("b1", "side", "u1", "elsewhere", t)
        .message("shared-id", "side", "u1", "same id as in the other tenant", t);
    b = Docs.newTenant("ml-checks-b").user("x1", "x").room("theirs", 100, "x1")
        .message("shared-id", "theirs", "x1", "other tenant", t).message("x-only", "theirs", "x1", "x", t);
    admin.load(a.json());
    admin.load(b.json());
    member = MeetingLawyersClient.of(http, a.tenant(), "u1");
    outsider = MeetingLawyersClient.of(http, a.tenant(), "u2");
    otherTenant = MeetingLawyersClient.of(http, b.tenant(), "x1");
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Test
  void aMemberWithGoodCredentialsGetsTheRoom() {
    assertEquals(List.of("a1", "a2", "a3"), member.ids("room=100"));
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class First401Credentials {

    @Test
    void noApiKey() {
      assertError(member.get("room=100", null, "Bearer " + member.jwt()), 401, UNAUTHORIZED);
    }

    @Test
    void noAuthorization() {
      assertError(member.get("room=100", member.apiKey(), null), 401, UNAUTHORIZED);
    }

    @Test
    void neither() {
      assertError(member.get("room=100", null, null), 401, UNAUTHORIZED);
    }

    @Test
    void blankOrBearerOnly() {
      assertError(member.get("room=100", " ", "Bearer " + member.jwt()), 401, UNAUTHORIZED);
      assertError(member.get("room=100", member.apiKey(), "Bearer "), 401, UNAUTHORIZED);
      assertError(member.get("room=100", member.apiKey(), "Bearer"), 401, UNAUTHORIZED);
    }

    @Test
    void anUnknownApiKey() {
      assertError(member.get("room=100", "g3f2fh675l0x", "Bearer " + member.jwt()), 401, UNAUTHORIZED);
    }

    @Test
    void aTokenThatIsNotAJwt() {
      assertError(member.get("room=100", member.apiKey(), "Bearer dXNlcm5hbWU6MTIzNDU2Nzg5MDEyMzQ1N"), 401, UNAUTHORIZED);
    }

    @Test
    void aKeyOfOneTenantWithAJwtOfAnother() {
      assertError(member.get("room=100", member.apiKey(), "Bearer " + otherTenant.jwt()), 401, UNAUTHORIZED);
      assertError(member.get("room=100", otherTenant.apiKey(), "Bearer " + member.jwt()), 401, UNAUTHORIZED);
    }

    @Test
    void aJwtForAUserOfTheKeysTenantThatTheTenantDoesNotHaveStillNeedsMembership() {
      // a validly signed token for an unknown user of the right tenant is authenticated, but is no member
      String ghost = TestJwts.valid(a.tenant(), "ghost");
      assertError(member.get("room=100", member.apiKey(), "Bearer " + ghost), 403, NOT_MEMBER);
    }

    /** Decision: like the other JWT dialects, the {@code Bearer } prefix is tolerated when missing. */
    @Test
    void aBareTokenWithoutBearerIsAccepted() {
      Http.Response response = member.get("room=100", member.apiKey(), member.jwt());
      assertEquals(200, response.status(), response.body());
      assertEquals(member.get("room=100").body(), response.body());
    }

    @Test
    void comesBeforeMalformedParameters() {
      assertError(member.get("room=abc&limit=0&older=yes", "nope", "Bearer " + member.jwt()), 401, UNAUTHORIZED);
      assertError(member.get("limit=-1", member.apiKey(), null), 401, UNAUTHORIZED);
      assertError(member.get("room=%zz", null, null), 401, UNAUTHORIZED);
    }

    @Test
    void comesBeforeTheRoomCheck() {
      assertError(member.get("room=4242", member.apiKey(), "Bearer garbage"), 401, UNAUTHORIZED);
    }
  }

  // Then 400 for a malformed room, limit or older: MeetingLawyersMalformedInputTest.

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Then404RoomNotFound {

    @Test
    void aRoomNumberNoRoomHas() {
      assertError(member.get("room=4242"), 404, NOT_FOUND);
    }

    @Test
    void comesBeforeThePivotCheck() {
      assertError(member.get("room=4242&pivot=nope"), 404, NOT_FOUND);
    }

    @Test
    void anotherTenantsRoomAnswersByteForByteLikeAMissingRoom() {
      Http.Response foreign = otherTenant.get("room=300&pivot=a1&limit=5&older=false");
      Http.Response missing = otherTenant.get("room=4242&pivot=a1&limit=5&older=false");
      assertError(foreign, 404, NOT_FOUND);
      assertEquals(missing.status(), foreign.status());
      assertEquals(missing.body(), foreign.body());
      assertEquals(headersBut("X-Request-Id", missing), headersBut("X-Request-Id", foreign));
    }

    @Test
    void aRoomNumberBothTenantsUseShowsEachTenantItsOwnRoom() {
      assertEquals(List.of("a1", "a2", "a3"), member.ids("room=100"));
      assertEquals(List.of("shared-id", "x-only"), otherTenant.ids("room=100"));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Then403NotAMember {

    @Test
    void aUserOfTheTenantWhoIsNotInTheRoom() {
      assertError(outsider.get("room=100"), 403, NOT_MEMBER);
      assertEquals(List.of("b1", "shared-id"), outsider.ids("room=200"));
    }

    @Test
    void comesBeforeThePivotCheckSoANonMemberNeverLearnsWhetherAnIdBelongsToTheRoom() {
      Http.Response bogus = outsider.get("room=100&pivot=no-such-message");
      Http.Response real = outsider.get("room=100&pivot=a2");
      assertError(bogus, 403, NOT_MEMBER);
      assertError(real, 403, NOT_MEMBER);
      assertEquals(bogus.body(), real.body());
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Last400PivotNotInTheRoom {

    @Test
    void anUnknownId() {
      assertError(member.get("room=100&pivot=no-such-message"), 400, BAD_PIVOT);
      assertError(member.get("room=100&pivot=no-such-message&older=false"), 400, BAD_PIVOT);
    }

    @Test
    void aMessageOfAnotherRoomOrAnotherTenantIsLikeAnUnknownId() {
      Http.Response unknown = member.get("room=100&pivot=no-such-message");
      for (String pivot : List.of("b1", "shared-id", "x-only")) {
        for (String older : List.of("true", "false")) {
          Http.Response response = member.get("room=100&pivot=" + pivot + "&older=" + older);
          assertError(response, 400, BAD_PIVOT);
          assertEquals(unknown.body(), response.body());
        }
      }
    }

    @Test
    void aDeletedMessageOfTheRoomIsStillAValidPivot() {
      assertEquals(List.of("a1", "a2"), member.ids("room=100&pivot=a-deleted"));
      assertEquals(List.of("a3"), member.ids("room=100&pivot=a-deleted&older=false"));
    }

    /** Decision: an empty {@code pivot=} means no pivot (ids are never empty): the newest page. */
    @Test
    void anEmptyPivotIsNoPivot() {
      assertEquals(List.of("a1", "a2", "a3"), member.ids("room=100&pivot="));
      assertEquals(List.of("a1", "a2", "a3"), member.ids("room=100&pivot=a1&pivot="));
    }
  }

  static Map<String, List<String>> headersBut(String left, Http.Response response) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.headers().names().stream().filter(name -> !name.equalsIgnoreCase(left))
        .forEach(name -> headers.put(name, response.headers().getAll(name)));
    return headers;
  }

  @Test
  void otherMethodsAre405WithAllow() {
    Http.Response response = http.send(HttpMethod.POST, MeetingLawyersClient.PATH + "?room=100", null,
        "Api-Key", member.apiKey(), "Authorization", "Bearer " + member.jwt());
    assertEquals(405, response.status());
    assertEquals("GET, HEAD", response.header("Allow"));
  }

  @Test
  void theAcceptHeaderIsIgnored() {
    Http.Response json = member.get("room=100");
    Http.Response xml = http.get(MeetingLawyersClient.PATH + "?room=100", "Api-Key", member.apiKey(),
        "Authorization", "Bearer " + member.jwt(), "Accept", "application/xml");
    assertEquals(200, xml.status());
    assertEquals(json.body(), xml.body());
    assertEquals("application/json; charset=utf-8", xml.header("Content-Type"));
  }

  @Test
  void everyAnswerCarriesTheRequestId() {
    assertEquals("ml-req-1", http.get(MeetingLawyersClient.PATH + "?room=100", "X-Request-Id", "ml-req-1",
        "Api-Key", member.apiKey(), "Authorization", "Bearer " + member.jwt()).header("X-Request-Id"));
    assertEquals("ml-req-2", http.get(MeetingLawyersClient.PATH + "?room=100", "X-Request-Id", "ml-req-2")
        .header("X-Request-Id"));
  }
}
