package io.chatgw.gateway.dialect.meetinglawyers;

import static io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §4, the second check: after the credentials, a missing or malformed {@code room},
 * a malformed {@code limit} (1..500) or {@code older} is 400, before the room and membership
 * checks. Numbers are base-10 ASCII digits without sign or spaces (dialects.md, common rules).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLawyersMalformedInputTest {

  static final String BAD_ROOM = "room must be a positive integer";
  static final String BAD_LIMIT = "limit must be an integer between 1 and 500";
  static final String BAD_OLDER = "older must be one of true, false, 1, 0";

  Http http;
  MeetingLawyersClient member;
  MeetingLawyersClient outsider;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Docs data = Docs.newTenant("ml-input").user("u1", "member").user("u2", "outsider")
        .room("main", 100, "u1").message("a1", "main", "u1", "one", Instant.now().minusSeconds(5));
    new Admin(http).load(data.json());
    member = MeetingLawyersClient.of(http, data.tenant(), "u1");
    outsider = MeetingLawyersClient.of(http, data.tenant(), "u2");
  }

  @AfterAll
  void close() {
    http.close();
  }


  @ParameterizedTest
  @ValueSource(strings = {"room=0", "room=-1", "room=%2B5", "room=+5", "room=%205", "room=5%20", "room=5.0",
      "room=1e3", "room=0x10", "room=%D9%A5", "room=%EF%BC%95", "room=9223372036854775808",
      "room=99999999999999999999", "room=abc", "room=", "room", "", "limit=10", "rooms=100"})
  void aMissingOrMalformedRoom(String query) {
    assertError(member.get(query), 400, BAD_ROOM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "501", "-1", "%2B5", "+5", "%205", "5.0", "1e3", "0x10", "%D9%A5",
      "%EF%BC%95", "9223372036854775808", "abc", ""})
  void aMalformedLimit(String limit) {
    assertError(member.get("room=100&limit=" + limit), 400, BAD_LIMIT);
  }

  @Test
  void aBareLimitIsMalformed() {
    assertError(member.get("room=100&limit"), 400, BAD_LIMIT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "500"})
  void limitBoundsAreAccepted(String limit) {
    assertEquals(200, member.get("room=100&limit=" + limit).status());
  }

  /** Decision: exactly {@code true|false|1|0}, case-sensitive, as the spec writes them. */
  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "TRUE", "True", "FALSE", "False", "2", "-1", "01", "%20true", "t", "on"})
  void aMalformedOlder(String older) {
    assertError(member.get("room=100&older=" + older), 400, BAD_OLDER);
  }

  @Test
  void theLastOccurrenceIsTheOneChecked() {
    assertEquals(200, member.get("room=abc&room=100&limit=0&limit=5&older=yes&older=1").status());
    assertError(member.get("room=100&room=abc"), 400, BAD_ROOM);
    assertError(member.get("room=100&limit=5&limit=0"), 400, BAD_LIMIT);
    assertError(member.get("room=100&older=true&older=yes"), 400, BAD_OLDER);
  }

  @Test
  void roomIsCheckedBeforeLimitBeforeOlder() {
    assertError(member.get("older=yes&limit=0&room=abc"), 400, BAD_ROOM);
    assertError(member.get("older=yes&limit=0&room=100"), 400, BAD_LIMIT);
    assertError(member.get("older=yes&limit=5&room=100"), 400, BAD_OLDER);
  }

  /** Decision: an undecodable query string is malformed input as a whole, whichever parameter. */
  @Test
  void aMalformedPercentEscapeIs400EvenBeforeTheRoomCheck() {
    assertError(member.get("room=100&pivot=%zz"), 400, "malformed query string");
    assertError(member.get("room=4242&pivot=%zz"), 400, "malformed query string");
    assertError(outsider.get("room=100&x=%"), 400, "malformed query string");
  }

  @Test
  void comesBeforeTheRoomAndMembershipChecks() {
    assertError(member.get("room=4242&limit=0"), 400, BAD_LIMIT);
    assertError(outsider.get("room=100&older=maybe"), 400, BAD_OLDER);
  }
}
