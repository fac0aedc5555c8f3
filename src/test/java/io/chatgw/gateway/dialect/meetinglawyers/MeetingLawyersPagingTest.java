package io.chatgw.gateway.dialect.meetinglawyers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md §4, the windows: the newest page, {@code limit} before or after a pivot in the
 * total order (created_at, insertion order), the pivot excluded, ties neither lost nor repeated,
 * the {@code older} flag's spellings, and whole rooms paged through in both directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLawyersPagingTest {

  /** Room 1: ids chosen so that neither id order nor import-document order is the answer. */
  static final List<String> TIES_ORDER = List.of("q-first", "z1", "y2", "x3", "PIVOT", "w5", "v6", "a-last");
  static final int BIG = 600;

  Http http;
  MeetingLawyersClient client;
  Instant base;
  List<String> bigLive;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(2, ChronoUnit.DAYS);
    Instant tie = base.plusSeconds(10);
    Docs data = Docs.newTenant("ml-paging").user("u", "u").room("ties", 1, "u").room("big", 2, "u");
    // insertion order decides among equal created_at; a-last is inserted first but is newest
    data.message("a-last", "ties", "u", "newest", tie.plusMillis(1))
        .message("q-first", "ties", "u", "oldest", tie.minusMillis(1));
    for (String id : List.of("z1", "y2", "x3", "PIVOT", "w5", "v6")) {
      data.message(id, "ties", "u", id, tie);
    }
    // room 2: 600 messages, three per created_at, every tenth deleted
    bigLive = new ArrayList<>();
    for (int i = 0; i < BIG; i++) {
      String id = String.format("big-%03d", BIG - i); // ids descend while time ascends
      boolean deleted = i % 10 == 9;
      data.message(new JsonObject().put("id", id).put("room", "big").put("sender", "u").put("text", id)
          .put("createdAt", base.plusSeconds(i / 3).toString()).put("deleted", deleted));
      if (!deleted) {
        bigLive.add(id);
      }
    }
    new Admin(http).load(data.json());
    client = MeetingLawyersClient.of(http, data.tenant(), "u");
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Test
  void withoutPivotTheNewestMessagesComeInAscendingOrder() {
    assertEquals(TIES_ORDER, client.ids("room=1"));
    assertEquals(TIES_ORDER.subList(5, 8), client.ids("room=1&limit=3"));
  }

  @Test
  void theDefaultLimitIs50AndTheMaximum500() {
    assertEquals(bigLive.subList(bigLive.size() - 50, bigLive.size()), client.ids("room=2"));
    assertEquals(540, bigLive.size());
    assertEquals(bigLive.subList(bigLive.size() - 500, bigLive.size()), client.ids("room=2&limit=500"));
  }

  @Test
  void olderTakesTheLimitJustBeforeThePivotWithoutIt() {
    assertEquals(List.of("y2", "x3"), client.ids("room=1&pivot=PIVOT&limit=2"));
    assertEquals(List.of("q-first", "z1", "y2", "x3"), client.ids("room=1&pivot=PIVOT&limit=10"));
    assertEquals(List.of("x3"), client.ids("room=1&pivot=PIVOT&limit=1&older=true"));
  }

  @Test
  void newerTakesTheLimitJustAfterThePivotWithoutIt() {
    assertEquals(List.of("w5", "v6"), client.ids("room=1&pivot=PIVOT&limit=2&older=false"));
    assertEquals(List.of("w5", "v6", "a-last"), client.ids("room=1&pivot=PIVOT&limit=10&older=false"));
    assertEquals(List.of("w5"), client.ids("room=1&pivot=PIVOT&limit=1&older=0"));
  }

  @Test
  void atTheEndsThereIsNothingFurther() {
    assertEquals(List.of(), client.ids("room=1&pivot=q-first"));
    assertEquals(List.of(), client.ids("room=1&pivot=a-last&older=false"));
  }

  @Test
  void everyMessageSharingThePivotsTimeIsOnExactlyOneSide() {
    for (String pivot : TIES_ORDER) {
      List<String> before = client.ids("room=1&pivot=" + pivot + "&limit=500");
      List<String> after = client.ids("room=1&pivot=" + pivot + "&limit=500&older=false");
      List<String> all = new ArrayList<>(before);
      all.add(pivot);
      all.addAll(after);
      assertEquals(TIES_ORDER, all, "around " + pivot);
    }
  }

  @Test
  void theOlderFlagsSpellingsAndTheLastOccurrenceRule() {
    List<String> older = List.of("y2", "x3");
    List<String> newer = List.of("w5", "v6");
    String q = "room=1&pivot=PIVOT&limit=2";
    assertEquals(older, client.ids(q), "default");
    assertEquals(older, client.ids(q + "&older"), "bare");
    assertEquals(older, client.ids(q + "&older="), "empty value, like bare");
    assertEquals(older, client.ids(q + "&older=true"));
    assertEquals(older, client.ids(q + "&older=1"));
    assertEquals(newer, client.ids(q + "&older=false"));
    assertEquals(newer, client.ids(q + "&older=0"));
    assertEquals(older, client.ids(q + "&older&older=true"), "the vendor's own example");
    assertEquals(older, client.ids(q + "&older=false&older"), "a bare last occurrence is true");
    assertEquals(newer, client.ids(q + "&older&older=false"));
    assertEquals(newer, client.ids(q + "&older=true&older=0"));
    assertEquals(newer, client.ids("older&room=1&older=false&pivot=PIVOT&limit=2"));
  }

  @Test
  void theOlderFlagDoesNothingWithoutPivot() {
    assertEquals(client.ids("room=1&limit=3"), client.ids("room=1&limit=3&older=false"));
  }

  @Test
  void pagingBackwardsThroughAWholeRoomGivesEveryLiveMessageExactlyOnce() {
    for (int limit : new int[] {1, 2, 3, 7, 50}) {
      List<String> seen = new ArrayList<>();
      List<String> page = client.ids("room=2&limit=" + limit);
      while (!page.isEmpty()) {
        assertTrue(page.size() <= limit);
        seen.addAll(0, page);
        assertTrue(seen.size() <= BIG, "paging never ends");
        page = client.ids("room=2&limit=" + limit + "&pivot=" + page.get(0));
      }
      assertEquals(bigLive, seen, "limit " + limit);
    }
  }

  @Test
  void pagingForwardFromTheOldestGivesEveryLiveMessageExactlyOnce() {
    for (int limit : new int[] {1, 4, 500}) {
      List<String> seen = new ArrayList<>(List.of(bigLive.get(0)));
      List<String> page = client.ids("room=2&older=false&limit=" + limit + "&pivot=" + bigLive.get(0));
      while (!page.isEmpty()) {
        seen.addAll(page);
        assertTrue(seen.size() <= BIG, "paging never ends");
        page = client.ids("room=2&older=false&limit=" + limit + "&pivot=" + page.get(page.size() - 1));
      }
      assertEquals(bigLive, seen, "limit " + limit);
      Set<String> distinct = new HashSet<>(seen);
      assertEquals(seen.size(), distinct.size());
    }
  }

  @Test
  void pagingFromADeletedPivotInBothDirectionsLeavesNoGap() {
    String deleted = String.format("big-%03d", BIG - 299); // i = 299 is deleted
    List<String> before = client.ids("room=2&pivot=" + deleted + "&limit=500");
    List<String> after = client.ids("room=2&pivot=" + deleted + "&limit=500&older=false");
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    assertEquals(bigLive, all);
    assertEquals(270, before.size());
  }
}
