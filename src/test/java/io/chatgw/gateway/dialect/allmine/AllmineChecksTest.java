package io.chatgw.gateway.dialect.allmine;

import static io.chatgw.gateway.dialect.allmine.AllmineClient.assertError;
import static io.chatgw.gateway.dialect.allmine.AllmineClient.assertErrorAt;
import static io.chatgw.gateway.dialect.allmine.AllmineClient.withoutTimestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §3, the checks in order: 401 Authentication required → 400 Validation failed →
 * 404 Resource not found → 403 Insufficient permissions, each in the wrapper with every field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllmineChecksTest {

  static final String BAD_PAGE = "page must be between 1 and 9223372036854775807";
  static final String BAD_LIMIT = "limit must be between 1 and 100";

  Http http;
  AllmineClient allmine;
  Docs data;
  String member;
  String outsider;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    allmine = new AllmineClient(http);
    data = Docs.newTenant("allmine-checks").user("u1", "john").user("u2", "outsider")
        .room("chat", 1, "u1")
        .message("m1", "chat", "u1", "hi", Instant.parse("2024-01-15T10:30:00Z"));
    new Admin(http).load(data.json());
    member = TestJwts.valid(data.tenant(), "u1");
    outsider = TestJwts.valid(data.tenant(), "u2");
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check1MissingOrInvalidTokenIs401 {
    @Test
    void noAuthorizationHeader() {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      assertErrorAt(allmine.get("chat", "", null), before, 401, "Authentication required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Bearer", "Bearer ", "garbage", "Bearer garbage", "a.b.c", "..",
        "Basic dTE6cHc=", "\u00e9.\u00e9.\u00e9"})
    void blankOrMalformedTokens(String authorization) {
      assertError(allmine.get("chat", "", authorization), 401, "Authentication required");
    }

    @Test
    void aSessionTokenIsNotAJwt() {
      Docs d = Docs.newTenant("allmine-session").user("u1", "john").room("chat", 1, "u1")
          .session("u1", "allmine-opaque-session-token", Instant.now().plusSeconds(3600));
      new Admin(http).load(d.json());
      assertError(allmine.get("chat", "", "allmine-opaque-session-token"), 401, "Authentication required");
    }

    @Test
    void comesBeforeValidationAndTheChatLookup() {
      assertError(allmine.get("chat", "?limit=0&page=0", "garbage"), 401, "Authentication required");
      assertError(allmine.get("no-such-chat", "?limit=0", null), 401, "Authentication required");
      assertError(allmine.get("chat", "?limit=%zz", null), 401, "Authentication required");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check2BadPageOrLimitIs400 {
    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "%2B5", "+5", "%205", "5%20", "5.0", "1e3", "0x10", "abc", "",
        "%D9%A5", "%EF%BC%95", "9223372036854775808", "99999999999999999999"})
    void aLimitThatIsNotAnIntegerFrom1To100(String limit) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      assertErrorAt(allmine.bearer("chat", "?limit=" + limit, member), before,
          400, "Validation failed", BAD_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "%2B5", "+5", "%205", "5.0", "1e3", "0x10", "abc", "",
        "%D9%A5", "%EF%BC%95", "9223372036854775808", "99999999999999999999"})
    void aPageThatIsNotAnIntegerOfAtLeast1(String page) {
      assertError(allmine.bearer("chat", "?page=" + page, member), 400, "Validation failed", BAD_PAGE);
    }

    @Test
    void bothBadListsBothPageFirst() {
      assertError(allmine.bearer("chat", "?limit=0&page=0", member), 400, "Validation failed", BAD_PAGE, BAD_LIMIT);
    }

    @Test
    void aMalformedQueryString() {
      assertError(allmine.bearer("chat", "?limit=%zz", member), 400, "Validation failed", "malformed query string");
    }

    @Test
    void theLastOccurrenceWins() {
      assertEquals(200, allmine.bearer("chat", "?limit=0&limit=5", member).status());
      assertError(allmine.bearer("chat", "?limit=5&limit=0", member), 400, "Validation failed", BAD_LIMIT);
      assertEquals(200, allmine.bearer("chat", "?page=x&page=1", member).status());
    }

    @Test
    void theBoundsThemselvesAreValid() {
      assertEquals(200, allmine.bearer("chat", "?limit=1&page=1", member).status());
      assertEquals(200, allmine.bearer("chat", "?limit=100&page=9223372036854775807", member).status());
    }

    @Test
    void comesBeforeTheChatLookupAndTheMembershipCheck() {
      assertError(allmine.bearer("no-such-chat", "?limit=101", member), 400, "Validation failed", BAD_LIMIT);
      assertError(allmine.bearer("chat", "?limit=101", outsider), 400, "Validation failed", BAD_LIMIT);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check3ChatNotInTheTenantIs404 {
    @Test
    void aChatThatDoesNotExist() {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      assertErrorAt(allmine.bearer("no-such-chat", "", member), before, 404, "Resource not found");
    }

    @Test
    void theChatIdIsTheRoomIdNotItsNumber() {
      assertError(allmine.bearer("1", "", member), 404, "Resource not found");
    }

    @Test
    void comesBeforeTheMembershipCheck() {
      assertError(allmine.bearer("no-such-chat", "", outsider), 404, "Resource not found");
    }

    @Test
    void anotherTenantsChatAnswersByteForByteLikeAMissingChat() {
      Docs other = Docs.newTenant("allmine-other").user("u1", "john").room("elsewhere", 1, "u1");
      new Admin(http).load(other.json());
      String foreignJwt = TestJwts.valid(other.tenant(), "u1");
      Http.Response foreign = allmine.bearer("chat", "", foreignJwt);
      Http.Response missing = allmine.bearer("no-such-chat", "", foreignJwt);
      assertError(foreign, 404, "Resource not found");
      assertEquals(missing.status(), foreign.status());
      assertEquals(withoutTimestamp(missing.body()), withoutTimestamp(foreign.body()));
      assertEquals(headers(missing), headers(foreign));
    }

    @Test
    void aChatIdThatIsNotUtf8NamesNoChatButOnlyAfterTheEarlierChecks() {
      assertError(allmine.bearer("%C3%28", "", member), 404, "Resource not found");
      assertError(allmine.bearer("%FF", "", member), 404, "Resource not found");
      assertError(allmine.get("%C3%28", "", null), 401, "Authentication required");
      assertError(allmine.bearer("%C3%28", "?limit=0", member), 400, "Validation failed", BAD_LIMIT);
    }

    @Test
    void aTokenOfATenantThatDoesNotExistFindsNothing() {
      assertError(allmine.bearer("chat", "", TestJwts.valid("allmine-no-such-tenant", "u1")), 404,
          "Resource not found");
    }
  }

  static Map<String, String> headers(Http.Response response) {
    Map<String, String> out = new TreeMap<>();
    response.headers().forEach(h -> {
      if (!h.getKey().equalsIgnoreCase("X-Request-Id")) {
        out.put(h.getKey().toLowerCase(), h.getValue());
      }
    });
    return out;
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check4NotAMemberIs403 {
    @Test
    void aUserOfTheTenantWhoIsNotAMember() {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      assertErrorAt(allmine.bearer("chat", "", outsider), before, 403, "Insufficient permissions");
    }

    @Test
    void aTokenForAUserWhoDoesNotExist() {
      assertError(allmine.bearer("chat", "", TestJwts.valid(data.tenant(), "ghost")), 403, "Insufficient permissions");
    }

    @Test
    void theMemberOfTheSameChatIsServed() {
      Http.Response ok = allmine.bearer("chat", "", member);
      assertEquals(200, ok.status(), ok.body());
      assertNotEquals(-1, ok.body().indexOf("\"_id\":\"m1\""));
    }
  }
}
