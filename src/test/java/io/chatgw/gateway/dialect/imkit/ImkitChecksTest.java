package io.chatgw.gateway.dialect.imkit;

import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertBadRequest;
import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertNotMember;
import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertRoomNotFound;
import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §5: the IMKit checks and their order, 401 → 400 (parameters) → 404 → 403 → 400
 * (anchor), each with its exact body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitChecksTest {

  static final String LIMIT_TEXT = "limit must be an integer from 1 to 500";
  static final String TIME_TEXT = "afterTime must be an ISO-8601 time or epoch milliseconds";
  static final String FIELD_TEXT = "timeRangeField must be one of updatedAt, createdAt, messageTime";
  static final String AFTER_TEXT = "afterMessage is not a message of this room";
  static final String BEFORE_TEXT = "beforeMessage is not a message of this room";

  Http http;
  ImkitClient member;
  ImkitClient outsider;
  ImkitClient other;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Instant t = Instant.parse("2024-03-01T10:00:00Z");
    Docs docs = Docs.newTenant("imkit-checks").user("u1", "u1").user("u2", "u2").user("out", "out")
        .room("room-a", 1, "u1", "u2").room("room-b", 2, "u1").room("r/1 é+", 3, "u1")
        .message("a1", "room-a", "u1", "one", t).message("a2", "room-a", "u2", "two", t.plusSeconds(1))
        .message("b1", "room-b", "u1", "elsewhere", t.plusSeconds(2));
    member = ImkitClient.load(http, docs, "u1");
    outsider = member.as("out");
    Docs otherDocs = Docs.newTenant("imkit-checks-other").user("u1", "u1").room("room-a", 1, "u1")
        .room("room-x", 2, "u1").message("x1", "room-x", "u1", "foreign", t);
    other = ImkitClient.load(http, otherDocs, "u1");
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Test
  void aMemberWithValidCredentialsGets200() {
    assertEquals(200, member.get("room-a", null).status());
  }

  @Test
  void theRoomIdIsPercentDecodedAsUtf8WithPlusLeftAsIs() {
    Http.Response response = member.get("r%2F1%20%C3%A9+", null);
    assertEquals(200, response.status(), response.body());
    assertEquals("r/1 é+", ImkitClient.result(response).getJsonObject("inspect").getJsonObject("query").getString("room"));
    assertRoomNotFound(member.get("r%2F1%20%C3%A9%20", null));
  }

  @Test
  void otherMethodsAre405WithAllow() {
    Http.Response response = http.send(HttpMethod.POST, "/rooms/room-a/messages/v3",
        Buffer.buffer("{}"), "IM-CLIENT-KEY", member.key, "IM-Authorization", member.jwt);
    assertEquals(405, response.status());
    assertEquals("GET, HEAD", response.header("Allow"));
    assertEquals("{\"error\":\"method not allowed\"}", response.body());
    assertEquals(200, member.get("room-a/", null).status(), "a trailing slash is ignored");
    assertEquals(404, http.get("/rooms/room-a/messages/v2").status());
    assertEquals(404, http.get("/rooms/room-a/x/messages/v3").status());
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check1CredentialsAre401 {
    @Test
    void missingClientKeyOrAuthorization() {
      assertUnauthorized(member.get("room-a", null, null, member.jwt));
      assertUnauthorized(member.get("room-a", null, member.key, null));
      assertUnauthorized(member.get("room-a", null, null, null));
      assertUnauthorized(member.get("room-a", null, "", member.jwt));
      assertUnauthorized(member.get("room-a", null, member.key, "Bearer "));
    }

    @Test
    void anUnknownClientKey() {
      assertUnauthorized(member.get("room-a", null, "not-a-key", member.jwt));
    }

    @Test
    void aBearerPrefixIsOptional() {
      String plain = member.get("room-a", "limit=1").body();
      assertEquals(200, member.get("room-a", "limit=1", member.key, "Bearer " + member.jwt).status());
      assertEquals(ImkitClient.withoutTook(plain),
          ImkitClient.withoutTook(member.get("room-a", "limit=1", member.key, "Bearer " + member.jwt).body()));
    }

    @Test
    void theKeyOfTenantAWithAJwtOfTenantB() {
      assertUnauthorized(member.get("room-a", null, member.key, other.jwt));
      assertUnauthorized(member.get("room-a", null, other.key, member.jwt));
    }

    @Test
    void aJwtNamingAnotherTenantThanItsKeyEvenForAUserIdThatExistsInBoth() {
      String forged = TestJwts.valid(other.tenant, "u1");
      assertUnauthorized(member.get("room-a", null, member.key, forged));
    }

    @Test
    void comesBeforeMalformedParametersAndMissingRooms() {
      assertUnauthorized(member.get("room-a", "limit=0&afterTime=junk&timeRangeField=x", "bad", member.jwt));
      assertUnauthorized(member.get("no-such-room", "limit=0", member.key, "garbage"));
      assertUnauthorized(member.get("room-a", "limit=%zz", member.key, "garbage"));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check2MalformedParametersAre400 {
    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "%2B5", "+5", "%205", "5%20", "5.0", "1e3", "0x10", "",
        "%EF%BC%95", "%D9%A5", "9223372036854775808", "18446744073709551616", "05x", "five"})
    void limit(String limit) {
      assertBadRequest(member.get("room-a", "limit=" + limit), LIMIT_TEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"junk", "", "2020-10-15", "2020-10-15T03:50:04ZZ", "2020-13-01T00:00:00Z",
        "2020-02-30T00:00:00Z", "2020-10-15%2003:50:04", "-1602817267000", "%2B1602817267000",
        "1602817267000.5", "1e12", "99999999999999999999", "9223372036854775807", "253402300800000",
        "10000-01-01T00:00:00Z", "%2B10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "2020-10-15T03:50:04%2B25:00",
        "%20" + "2020-10-15T03:50:04Z", "now"})
    void afterTime(String afterTime) {
      assertBadRequest(member.get("room-a", "afterTime=" + afterTime), TIME_TEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"junk", "", "UPDATEDAT", "updatedat", "UpdatedAt", "updated_at", "createdAt%20",
        "_id", "messageTimeMS"})
    void timeRangeFieldIsCaseSensitive(String field) {
      assertBadRequest(member.get("room-a", "timeRangeField=" + field), FIELD_TEXT);
    }

    @Test
    void aMalformedQueryString() {
      assertBadRequest(member.get("room-a", "limit=%zz"), "malformed query string");
      assertBadRequest(member.get("room-a", "afterMessage=%"), "malformed query string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%C3%28", "%FF", "a%E2%82", "%ED%A0%80"})
    void aRoomIdEscapeThatIsNotUtf8(String room) {
      assertBadRequest(member.get(room, null), "malformed room id");
      assertUnauthorized(member.get(room, null, "bad", member.jwt));
    }

    /** Vert.x Web rejects the path while normalising it, before routing; still IMKit's format. */
    @ParameterizedTest
    @ValueSource(strings = {"%zz", "room%2", "%\uFF10\uFF10"})
    void aPathEscapeThatIsNotHexIsA400InImkitsFormat(String room) {
      Http.Response response = member.get(room, null);
      assertEquals(400, response.status());
      assertEquals("{\"RC\":400,\"RM\":\"Bad Request\",\"error\":{\"code\":\"INVALID_PARAMETER\","
          + "\"message\":\"malformed percent-escape in the path\"}}", response.body());
    }

    @Test
    void theLastOccurrenceOfAParameterWins() {
      assertEquals(200, member.get("room-a", "limit=0&limit=5").status());
      assertBadRequest(member.get("room-a", "limit=5&limit=0"), LIMIT_TEXT);
    }

    @Test
    void comesBeforeMissingRoomsAndMembership() {
      assertBadRequest(member.get("no-such-room", "limit=0"), LIMIT_TEXT);
      assertBadRequest(outsider.get("room-a", "afterTime=junk"), TIME_TEXT);
      assertBadRequest(other.get("room-x-of-nobody", "timeRangeField=x"), FIELD_TEXT);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check3MissingRoomIs404 {
    @Test
    void aRoomThatDoesNotExist() {
      assertRoomNotFound(member.get("no-such-room", null));
      assertRoomNotFound(member.get("1", null));
    }

    @Test
    void comesBeforeMembershipAndAnchors() {
      assertRoomNotFound(outsider.get("no-such-room", "beforeMessage=nope&afterMessage=nope"));
    }

    @Test
    void anotherTenantsRoomAnswersByteForByteLikeAMissingRoom() {
      Http.Response foreign = other.get("room-b", null);
      Http.Response missing = other.get("no-such-room", null);
      assertRoomNotFound(foreign);
      assertEquals(missing.body(), foreign.body());
      assertEquals(missing.headers().get("Content-Type"), foreign.headers().get("Content-Type"));
      assertEquals(missing.headers().size(), foreign.headers().size());
      assertRoomNotFound(other.get("room-b", "beforeMessage=a1"));
    }

    @Test
    void aRoomWithTheSameIdInAnotherTenantIsThatTenantsOwn() {
      assertEquals(List.of("a2", "a1"), member.ids("room-a", null));
      assertEquals(List.of(), other.ids("room-a", null));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check4NotAMemberIs403 {
    @Test
    void aUserWhoIsNotInTheRoom() {
      assertNotMember(outsider.get("room-a", null));
    }

    @Test
    void aJwtOfAUserIdThatDoesNotExistInTheTenant() {
      assertNotMember(member.get("room-a", null, member.key, TestJwts.valid(member.tenant, "ghost")));
    }

    @Test
    void comesBeforeTheAnchorCheck() {
      assertNotMember(outsider.get("room-a", "beforeMessage=nope"));
      assertNotMember(outsider.get("room-a", "afterMessage=b1"));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check5AnchorNotInTheRoomIs400 {
    @Test
    void anUnknownMessageId() {
      assertBadRequest(member.get("room-a", "beforeMessage=nope"), BEFORE_TEXT);
      assertBadRequest(member.get("room-a", "afterMessage=nope"), AFTER_TEXT);
      assertBadRequest(member.get("room-a", "afterMessage="), AFTER_TEXT);
    }

    @Test
    void aMessageOfAnotherRoomOrTenantAnswersExactlyLikeAnUnknownId() {
      String unknown = member.get("room-a", "beforeMessage=nope").body();
      assertEquals(unknown, member.get("room-a", "beforeMessage=b1").body());
      assertEquals(unknown, member.get("room-a", "beforeMessage=x1").body());
      String unknownAfter = member.get("room-a", "afterMessage=nope").body();
      assertEquals(unknownAfter, member.get("room-a", "afterMessage=b1").body());
      assertEquals(unknownAfter, member.get("room-a", "afterMessage=x1").body());
    }

    @Test
    void aValidAnchorOfTheRoomIsAccepted() {
      assertEquals(List.of("a1"), member.ids("room-a", "beforeMessage=a2"));
      assertEquals(List.of("a2"), member.ids("room-a", "afterMessage=a1"));
    }
  }
}
