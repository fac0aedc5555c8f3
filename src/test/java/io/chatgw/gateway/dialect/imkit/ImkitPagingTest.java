package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * dialects.md §5 and model.md: paging backwards with beforeMessage and syncing forward with
 * afterMessage visit every message exactly once, with ties on K and while messages are inserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitPagingTest {

  static final Instant T = Instant.parse("2024-06-01T00:00:00Z");
  static final int WALK = 57;
  /** More than any room here holds: a walk that gets this long repeats itself. */
  static final int MAX_WALK = 200;

  Http http;
  Docs docs;
  ImkitClient client;
  /** Per field: the walk room's ids in ascending total order (K, insertion order). */
  final Map<TimeRangeField, List<String>> ascending = new EnumMap<>(TimeRangeField.class);

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    docs = Docs.newTenant("imkit-paging").user("u", "u").room("walk", 1, "u").room("live", 2, "u")
        .room("sync", 3, "u");
    List<Instant[]> times = new ArrayList<>();
    for (int i = 0; i < WALK; i++) {
      // groups of equal K, in a different order for each field
      Instant[] k = {T.plusSeconds(i / 4), T.plusSeconds((WALK - i) / 3), T.plusSeconds((i * 7) % 11)};
      times.add(k);
      docs.message(new JsonObject().put("id", String.format("w%02d", (i * 13) % WALK)).put("room", "walk")
          .put("sender", "u").put("text", "w").put("deleted", i % 9 == 0)
          .put("createdAt", k[0].toString()).put("updatedAt", k[1].toString()).put("messageTime", k[2].toString()));
    }
    for (TimeRangeField field : TimeRangeField.values()) {
      int column = switch (field) {
        case CREATED_AT -> 0;
        case UPDATED_AT -> 1;
        case MESSAGE_TIME -> 2;
      };
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < WALK; i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer, Instant>comparing(i -> times.get(i)[column]).thenComparing(i -> i));
      ascending.put(field, order.stream().map(i -> String.format("w%02d", (i * 13) % WALK)).toList());
    }
    for (int i = 0; i < 40; i++) {
      docs.message(message("old" + i, "live", T.plusSeconds(i)));
      docs.message(message("s" + i, "sync", T.plusSeconds(i / 2)));
    }
    client = ImkitClient.load(http, docs, "u");
  }

  @AfterAll
  void close() {
    http.close();
  }

  static JsonObject message(String id, String room, Instant at) {
    return new JsonObject().put("id", id).put("room", room).put("sender", "u").put("text", id)
        .put("createdAt", at.toString());
  }

  /** An import document of just these messages of the test's tenant. */
  JsonObject messagesOnly(JsonObject... messages) {
    JsonArray list = new JsonArray();
    for (JsonObject m : messages) {
      list.add(m.copy().put("tenant", docs.tenant()));
    }
    return new JsonObject().put("messages", list);
  }

  /** Pages from the newest end backwards with beforeMessage until an empty page. */
  List<String> pageBackwards(String room, String fieldQuery, int limit) {
    List<String> all = new ArrayList<>();
    List<String> page = client.ids(room, fieldQuery + "&limit=" + limit);
    while (!page.isEmpty()) {
      assertTrue(page.size() <= limit);
      assertTrue(all.size() < MAX_WALK, () -> "the walk does not end: " + all);
      all.addAll(page);
      page = client.ids(room, fieldQuery + "&limit=" + limit + "&beforeMessage=" + page.get(page.size() - 1));
    }
    return all;
  }

  /** Syncs forward from the beginning of time with afterMessage until an empty page; ascending. */
  List<String> syncForward(String room, String fieldQuery, int limit, Runnable betweenPages) {
    List<String> all = new ArrayList<>();
    List<String> page = client.ids(room, fieldQuery + "&limit=" + limit + "&afterTime=0");
    while (!page.isEmpty()) {
      assertTrue(all.size() < MAX_WALK, () -> "the sync does not end: " + all);
      List<String> oldestFirst = new ArrayList<>(page);
      Collections.reverse(oldestFirst);
      all.addAll(oldestFirst);
      betweenPages.run();
      page = client.ids(room, fieldQuery + "&limit=" + limit + "&afterMessage=" + page.get(0));
    }
    return all;
  }

  @ParameterizedTest
  @EnumSource(TimeRangeField.class)
  void pagingBackwardsThroughTheWholeRoomYieldsEveryMessageOnceInOrder(TimeRangeField field) {
    List<String> descending = new ArrayList<>(ascending.get(field));
    Collections.reverse(descending);
    for (int limit : new int[] {1, 4, 5, 7, 56, 57, 500}) {
      assertEquals(descending, pageBackwards("walk", "timeRangeField=" + field.param, limit), "limit " + limit);
    }
  }

  @ParameterizedTest
  @EnumSource(TimeRangeField.class)
  void syncingForwardThroughTheWholeRoomYieldsEveryMessageOnceInOrder(TimeRangeField field) {
    for (int limit : new int[] {1, 3, 4, 20, 57}) {
      assertEquals(ascending.get(field), syncForward("walk", "timeRangeField=" + field.param, limit, () -> { }),
          "limit " + limit);
    }
  }

  @Test
  void aBackwardWalkWhileNewMessagesArriveNeitherRepeatsNorSkips() throws Exception {
    CountDownLatch firstInserted = new CountDownLatch(1);
    CompletableFuture<Void> inserter = CompletableFuture.runAsync(() -> {
      try (Http own = new Http(TestGateway.shared().port())) {
        Admin admin = new Admin(own);
        for (int j = 0; j < 25; j++) {
          admin.load(messagesOnly(message("new" + j, "live", T.plusSeconds(1000 + j))));
          firstInserted.countDown();
        }
      }
    });
    assertTrue(firstInserted.await(10, TimeUnit.SECONDS) || inserter.isDone(), "the first insert within 10 s");
    List<String> walked = pageBackwards("live", "timeRangeField=createdAt", 3);
    inserter.get();
    assertEquals(walked.size(), new HashSet<>(walked).size(), "no message twice: " + walked);
    List<String> olds = walked.stream().filter(id -> id.startsWith("old")).toList();
    List<String> expectedOld = new ArrayList<>();
    for (int i = 39; i >= 0; i--) {
      expectedOld.add("old" + i);
    }
    assertEquals(expectedOld, olds, "every message that existed when the walk began, in order");
    assertTrue(walked.subList(0, walked.size() - 40).stream().allMatch(id -> id.startsWith("new")), walked.toString());
  }

  @Test
  void aForwardSyncWhileNewMessagesArriveNeitherRepeatsNorSkips() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add("s" + i);
    }
    AtomicInteger next = new AtomicInteger();
    Admin admin = new Admin(http);
    List<String> synced = syncForward("sync", "timeRangeField=createdAt", 4, () -> {
      int j = next.getAndIncrement();
      if (j < 12) {
        // a newer message, and one with the same createdAt as the newest: both come after in the total order
        admin.load(messagesOnly(message("late" + j, "sync", T.plusSeconds(100 + j)),
            message("tie" + j, "sync", T.plusSeconds(100 + j))));
      }
    });
    for (int j = 0; j < 12; j++) {
      expected.add("late" + j);
      expected.add("tie" + j);
    }
    assertEquals(expected, synced);
  }
}
