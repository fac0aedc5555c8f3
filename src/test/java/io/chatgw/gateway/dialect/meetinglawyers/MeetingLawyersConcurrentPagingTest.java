package io.chatgw.gateway.dialect.meetinglawyers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md §4 and model.md: keyset pages stay stable while messages are inserted (through the
 * admin import) between and during the paging: nothing is repeated, nothing that was there is
 * skipped, and what arrives after the pivot shows up going forward exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLawyersConcurrentPagingTest {

  static final int ORIGINAL = 60;
  /** More than any room here ever holds: a page that repeats forever fails instead of hanging. */
  static final int MAX_SEEN = 200;

  Http http;
  Admin admin;
  String tenant;
  MeetingLawyersClient client;
  Instant base;
  int room;

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.DAYS);
    Docs data = Docs.newTenant("ml-live").user("u", "u");
    for (int r = 1; r <= 4; r++) {
      data.room("r" + r, r, "u");
    }
    admin.load(data.json());
    tenant = data.tenant();
    client = MeetingLawyersClient.of(http, tenant, "u");
  }

  @AfterAll
  void close() {
    http.close();
  }

  /** A room of its own with {@value #ORIGINAL} messages, two per created_at; their ids in order. */
  List<String> freshRoom(int number) {
    room = number;
    List<String> ids = new ArrayList<>();
    List<JsonObject> messages = new ArrayList<>();
    for (int i = 0; i < ORIGINAL; i++) {
      String id = "r" + number + "-orig-" + i;
      ids.add(id);
      messages.add(message(id, base.plusSeconds(i / 2)));
    }
    insert(admin, messages);
    return ids;
  }

  JsonObject message(String id, Instant createdAt) {
    return new JsonObject().put("tenant", tenant).put("room", "r" + room).put("id", id).put("sender", "u")
        .put("text", id).put("createdAt", createdAt.toString());
  }

  static void insert(Admin through, List<JsonObject> messages) {
    through.load(new JsonObject().put("messages", new JsonArray(new ArrayList<>(messages))));
  }

  /** The created_at of an original message (the answer shows whole seconds only). */
  Instant createdAtOf(String originalId) {
    return base.plusSeconds(Integer.parseInt(originalId.substring(originalId.lastIndexOf('-') + 1)) / 2);
  }

  @Test
  void pagingBackwardsWhileNewerAndEqualTimeMessagesArriveBetweenPages() {
    List<String> original = freshRoom(1);
    List<String> seen = new ArrayList<>();
    List<String> page = client.ids("room=1&limit=7");
    int round = 0;
    while (!page.isEmpty()) {
      seen.addAll(0, page);
      assertTrue(seen.size() <= MAX_SEEN, "paging never ends");
      String pivot = page.get(0);
      // newer than everything, and sharing the pivot's created_at (so after it in insertion order)
      insert(admin, List.of(message("r1-new-" + round, base.plusSeconds(1000 + round)),
          message("r1-tie-" + round, createdAtOf(pivot))));
      round++;
      page = client.ids("room=1&limit=7&pivot=" + pivot);
    }
    assertEquals(original, seen, "every original message once, nothing that arrived after a pivot");
  }

  @Test
  void pagingForwardWhileMessagesArriveBetweenPagesSeesEachExactlyOnce() {
    List<String> original = freshRoom(2);
    List<String> expected = new ArrayList<>(original);
    List<String> seen = new ArrayList<>(List.of(original.get(0)));
    String pivot = original.get(0);
    List<String> page = client.ids("room=2&older=false&limit=5&pivot=" + pivot);
    int round = 0;
    while (!page.isEmpty()) {
      seen.addAll(page);
      assertTrue(seen.size() <= MAX_SEEN, "paging never ends");
      pivot = page.get(page.size() - 1);
      if (round < 10) {
        // one arrives at the end; one shares the new pivot's created_at, so it is just after it
        String tie = "r2-tie-" + round;
        String last = "r2-new-" + round;
        insert(admin, List.of(message(tie, createdAtOf(pivot)), message(last, base.plusSeconds(1000 + round))));
        int at = expected.indexOf(pivot) + 1;
        while (at < expected.size() && expected.get(at).startsWith("r2-orig-")
            && createdAtOf(expected.get(at)).equals(createdAtOf(pivot))) {
          at++; // after every existing message with the same created_at
        }
        expected.add(at, tie);
        expected.add(last);
      }
      round++;
      page = client.ids("room=2&older=false&limit=5&pivot=" + pivot);
    }
    assertEquals(expected, seen);
  }

  @Test
  void pagingBackwardsWhileAnotherClientImportsConcurrently() throws Exception {
    List<String> original = freshRoom(3);
    List<String> inserted = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> importer = importConcurrently(3, inserted);
    List<String> seen = new ArrayList<>();
    List<String> page = client.ids("room=3&limit=4");
    while (!page.isEmpty()) {
      seen.addAll(0, page);
      assertTrue(seen.size() <= MAX_SEEN, "paging never ends");
      page = client.ids("room=3&limit=4&pivot=" + page.get(0));
    }
    importer.get();
    Set<String> distinct = new HashSet<>(seen);
    assertEquals(seen.size(), distinct.size(), "no repeats");
    assertTrue(seen.containsAll(original), "no original message skipped");
    List<String> originalsInOrder = seen.stream().filter(original::contains).toList();
    assertEquals(original, originalsInOrder);
  }

  @Test
  void pagingForwardWhileAnotherClientImportsConcurrentlyEndsWithEverything() throws Exception {
    List<String> original = freshRoom(4);
    List<String> inserted = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> importer = importConcurrently(4, inserted);
    List<String> seen = new ArrayList<>(List.of(original.get(0)));
    String pivot = original.get(0);
    while (true) {
      boolean importsDone = importer.isDone();
      List<String> page = client.ids("room=4&older=false&limit=3&pivot=" + pivot);
      if (page.isEmpty() && importsDone) {
        break;
      }
      seen.addAll(page);
      assertTrue(seen.size() <= MAX_SEEN, "paging never ends");
      pivot = page.isEmpty() ? pivot : page.get(page.size() - 1);
    }
    importer.get();
    List<String> everything = new ArrayList<>(original);
    everything.addAll(inserted);
    assertEquals(everything, seen, "every message once, in order, the late ones included");
  }

  /** Another client imports 15 batches of two newer messages each, on its own connection. */
  CompletableFuture<Void> importConcurrently(int number, List<String> inserted) {
    return CompletableFuture.runAsync(() -> {
      try (Http other = new Http(TestGateway.shared().port())) {
        Admin otherAdmin = new Admin(other);
        for (int round = 0; round < 15; round++) {
          String a = "r" + number + "-live-" + round + "a";
          String b = "r" + number + "-live-" + round + "b";
          Instant at = base.plusSeconds(1000 + round);
          JsonObject first = new JsonObject().put("tenant", tenant).put("room", "r" + number).put("id", a)
              .put("sender", "u").put("text", a).put("createdAt", at.toString());
          insert(otherAdmin, List.of(first, first.copy().put("id", b).put("text", b)));
          inserted.add(a);
          inserted.add(b);
        }
      }
    });
  }
}
