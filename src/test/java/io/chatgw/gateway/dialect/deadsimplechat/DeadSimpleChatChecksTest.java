package io.chatgw.gateway.dialect.deadsimplechat;

import static io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md §2, the errors in their order: 401 missing or unknown {@code auth}, then 400 bad
 * {@code limit}/{@code skip}/{@code onlyAttachments}, then 404 room not in the key's tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadSimpleChatChecksTest {

  static final String ROOM = "65a5a0e17fb13759919407e4";
  static final String ADMIN = "648e211a81cea20bd8b1581d";

  Http http;
  Admin admin;
  DeadSimpleChatClient dsc;
  String tenant;
  String key;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    dsc = new DeadSimpleChatClient(http);
    Instant t = Instant.parse("2024-02-13T20:00:00Z");
    Docs data = Docs.newTenant("dsc-checks").user(ADMIN, "admin").room(ROOM, 1, ADMIN)
        .message("m1", ROOM, ADMIN, "one", t).message("m2", ROOM, ADMIN, "two", t.plusSeconds(1))
        .message("m3", ROOM, ADMIN, "three", t.plusSeconds(2)).message("m4", ROOM, ADMIN, "four", t.plusSeconds(3));
    admin.load(data.json());
    tenant = data.tenant();
    key = admin.newKey(tenant).json().getString("apiKey");
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check1MissingOrUnknownAuthIs401 {
    @Test
    void noAuth() {
      assertError(dsc.get(ROOM, null), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "limit=5"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    }

    @Test
    void emptyBlankOrBareAuth() {
      assertError(dsc.get(ROOM, "auth="), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "auth"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "auth=%20%20"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    }

    @Test
    void aKeyOfNoTenant() {
      assertError(dsc.get(ROOM, "auth=not-a-key"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "auth=" + key + "x"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "auth=%20" + key), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    }

    @Test
    void anAuthValueThatCannotBeDecoded() {
      assertError(dsc.get(ROOM, "auth=%ZZ"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "auth=" + key + "%"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertEquals(4, dsc.ids(ROOM, "auth=%ZZ&auth=" + key).size());
    }

    @Test
    void aJwtOrBearerHeaderIsNoSubstituteForTheKey() {
      String jwt = admin.tokens(tenant, ADMIN).getString("jwt");
      assertError(http.get(DeadSimpleChatClient.path(ROOM, null), "Authorization", "Bearer " + jwt),
          401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(http.get(DeadSimpleChatClient.path(ROOM, null), "Authorization", key),
          401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "auth=" + jwt), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    }

    @Test
    void comesBeforeTheParameterAndRoomChecks() {
      assertError(dsc.get("no-such-room", "limit=0&skip=-1&onlyAttachments=yes"), 401,
          DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get("no-such-room", "auth=wrong&limit=0&skip=-1&onlyAttachments=yes"), 401,
          DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
      assertError(dsc.get(ROOM, "auth=wrong&limit=%ZZ"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check2BadParametersAre400 {
    @Test
    void eachParameterIsNamed() {
      assertError(dsc.get(ROOM, "auth=" + key + "&limit=0"), 400, "limit must be an integer from 1 to 1000");
      assertError(dsc.get(ROOM, "auth=" + key + "&skip=-1"), 400, "skip must be an integer from 0 to 10000000");
      assertError(dsc.get(ROOM, "auth=" + key + "&onlyAttachments=yes"), 400, "onlyAttachments must be true or false");
    }

    @Test
    void theFirstBadOneInTheOrderLimitSkipOnlyAttachmentsIsReported() {
      assertError(dsc.get(ROOM, "onlyAttachments=yes&skip=x&limit=x&auth=" + key), 400, DeadSimpleChatParams.BAD_LIMIT);
      assertError(dsc.get(ROOM, "onlyAttachments=yes&skip=x&auth=" + key), 400, DeadSimpleChatParams.BAD_SKIP);
    }

    @Test
    void anUndecodableValueIsABadValueOfItsParameter() {
      assertError(dsc.get(ROOM, "auth=" + key + "&limit=%ZZ"), 400, DeadSimpleChatParams.BAD_LIMIT);
      assertError(dsc.get(ROOM, "auth=" + key + "&skip=5%"), 400, DeadSimpleChatParams.BAD_SKIP);
      assertError(dsc.get(ROOM, "auth=" + key + "&onlyAttachments=%G1"), 400, DeadSimpleChatParams.BAD_ONLY_ATTACHMENTS);
    }

    @Test
    void unknownParametersAreIgnoredEvenWhenUndecodable() {
      assertEquals(4, dsc.ids(ROOM, "auth=" + key + "&page=7&x=%ZZ&%ZZ=1&Limit=0").size());
    }

    @Test
    void comesBeforeTheRoomCheck() {
      assertError(dsc.get("no-such-room", "auth=" + key + "&limit=1001"), 400, DeadSimpleChatParams.BAD_LIMIT);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Check3RoomNotInTheKeysTenantIs404 {
    @Test
    void aRoomThatDoesNotExist() {
      assertError(dsc.get("no-such-room", "auth=" + key), 404, "Chat room not found");
      assertError(dsc.get("65A5A0E17FB13759919407E4", "auth=" + key), 404, "Chat room not found");
    }

    @Test
    void theRoomNumberIsNotItsId() {
      assertError(dsc.get("1", "auth=" + key), 404, "Chat room not found");
    }

    @Test
    void anotherTenantsKeyOnThisRoomAnswersExactlyLikeAMissingRoom() {
      Docs other = Docs.newTenant("dsc-other").user("x1", "x").room("general", 1, "x1");
      admin.load(other.json());
      String otherKey = admin.newKey(other.tenant()).json().getString("apiKey");
      for (String query : List.of("", "&onlyAttachments=true", "&limit=1000&skip=3")) {
        Http.Response foreign = dsc.get(ROOM, "auth=" + otherKey + query);
        Http.Response missing = dsc.get("no-such-room", "auth=" + otherKey + query);
        assertEquals(404, foreign.status());
        assertEquals(missing.status(), foreign.status());
        assertEquals(missing.body(), foreign.body());
        assertEquals(missing.header("Content-Type"), foreign.header("Content-Type"));
        assertEquals(new TreeSet<>(missing.headers().names()), new TreeSet<>(foreign.headers().names()));
      }
    }

    @Test
    void twoTenantsWithTheSameRoomIdEachSeeOnlyTheirOwn() {
      Instant t = Instant.parse("2024-03-01T00:00:00Z");
      Docs a = Docs.newTenant("dsc-a").user("u", "alice").room("general", 1, "u").message("a1", "general", "u", "from a", t);
      Docs b = Docs.newTenant("dsc-b").user("u", "bob").room("general", 1, "u").message("b1", "general", "u", "from b", t);
      admin.load(a.json());
      admin.load(b.json());
      String keyA = admin.newKey(a.tenant()).json().getString("apiKey");
      String keyB = admin.newKey(b.tenant()).json().getString("apiKey");
      assertEquals(List.of("a1"), dsc.ids("general", "auth=" + keyA));
      assertEquals(List.of("b1"), dsc.ids("general", "auth=" + keyB));
      assertEquals(a.tenant(), dsc.get("general", "auth=" + keyA).json().getJsonArray("messages")
          .getJsonObject(0).getString("customer"));
    }
  }
}
