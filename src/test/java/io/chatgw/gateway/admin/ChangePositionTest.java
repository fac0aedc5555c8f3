package io.chatgw.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, the change order (V009): every import that inserts or changes a message gives it a new
 * position, in the same transaction, and moves its room's last_change_pos; positions become
 * visible in position order, so a tail read "after the last position I saw" never skips a
 * transaction that took long and committed late.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangePositionTest {

  /** The tail read the live feed runs on each notice: the tenant's changes after a position. */
  static final String TAIL = """
      SELECT id, change_pos FROM message WHERE tenant_id = $1 AND change_pos > $2 ORDER BY change_pos""";

  Http http;
  Admin admin;
  Pool sql;
  Instant t = Instant.now().minusSeconds(600);

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    sql = TestGateway.shared().sql();
  }

  @AfterAll
  void close() {
    http.close();
  }

  Docs tenant() {
    return Docs.newTenant("pos").user("u1", "alice").user("u2", "bob").room("r", 1, "u1", "u2")
        .room("other", 2, "u1", "u2");
  }

  JsonObject message(String id, String text) {
    return new JsonObject().put("id", id).put("room", "r").put("sender", "u1").put("text", text)
        .put("createdAt", t.toString());
  }

  /** (the message's change_pos, its room's last_change_pos). */
  long[] positions(String tenant, String id) {
    Row row = sql.preparedQuery("""
        SELECT m.change_pos, r.last_change_pos FROM message m JOIN room r ON r.pk = m.room_pk
         WHERE m.tenant_id = $1 AND m.id = $2""").execute(Tuple.of(tenant, id)).await().iterator().next();
    return new long[] {row.getLong(0), row.getLong(1)};
  }

  long roomPosition(String tenant, String room) {
    return sql.preparedQuery("SELECT last_change_pos FROM room WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, room)).await().iterator().next().getLong(0);
  }

  /** Imports {@code message} (as a document, or as NDJSON) and checks that it moved both positions. */
  long[] changes(String tenant, JsonObject message, long[] before, boolean ndjson, String what) {
    if (ndjson) {
      Http.Response response = admin.importNdjson(message.copy().put("kind", "message").put("tenant", tenant).encode()
          + "\n");
      assertEquals(200, response.status(), response.body());
    } else {
      admin.load(Docs.forTenant(tenant).message(message).json());
    }
    long[] after = positions(tenant, message.getString("id"));
    assertTrue(after[0] > before[0], what + " moves the message's change_pos: " + before[0] + " -> " + after[0]);
    assertEquals(after[0], after[1], what + ": the room's last_change_pos is the message's new position");
    assertTrue(after[0] > 0);
    return after;
  }

  @Test
  void everyKindOfChangeGivesTheMessageANewPositionAndMovesItsRoom() {
    Docs d = tenant().message(message("other-room", "x").put("room", "other"));
    admin.load(d.json());
    String tenant = d.tenant();
    long otherRoom = roomPosition(tenant, "other");
    for (boolean ndjson : new boolean[] {false, true}) {
      String id = ndjson ? "m-ndjson" : "m-doc";
      String via = ndjson ? " (NDJSON)" : " (document)";
      long[] p = changes(tenant, message(id, "hello"), new long[] {0, 0}, ndjson, "new" + via);
      p = changes(tenant, message(id, "hello, edited"), p, ndjson, "edit" + via);
      p = changes(tenant, message(id, "hello, edited").put("reactions", new JsonArray().add(new JsonObject()
          .put("id", id + "-x").put("user", "u2").put("reaction", "like").put("createdAt", t.plusSeconds(1).toString()))),
          p, ndjson, "reaction" + via);
      p = changes(tenant, message(id, "hello, edited").put("readBy", new JsonArray().add(new JsonObject()
          .put("user", "u2").put("readAt", t.plusSeconds(2).toString()))), p, ndjson, "receipt" + via);
      p = changes(tenant, message(id, "hello, edited").put("hiddenBy", new JsonArray().add("u2")), p, ndjson,
          "hide" + via);
      changes(tenant, message(id, "hello, edited").put("deleted", true), p, ndjson, "delete" + via);
    }
    assertEquals(otherRoom, roomPosition(tenant, "other"), "a room none of whose messages changed keeps its position");
    admin.load(Docs.forTenant(tenant).user("u2", "bobby").json());
    assertEquals(positions(tenant, "m-ndjson")[0], roomPosition(tenant, "r"),
        "an import without messages hands out no position");
  }

  @Test
  void aReactionMovedToAnotherMessageMovesTheMessageItLeavesToo() {
    JsonArray reaction = new JsonArray().add(new JsonObject().put("id", "x-moving").put("user", "u2")
        .put("reaction", "like").put("createdAt", t.plusSeconds(1).toString()));
    Docs d = tenant().message(message("from", "has the reaction").put("reactions", reaction))
        .message(message("to", "gets it").put("room", "other"));
    admin.load(d.json());
    long[] from = positions(d.tenant(), "from");
    admin.load(Docs.forTenant(d.tenant()).message(message("to", "gets it").put("room", "other")
        .put("reactions", reaction)).json());
    long[] after = positions(d.tenant(), "from");
    assertTrue(after[0] > from[0], "the message the reaction left changed: " + from[0] + " -> " + after[0]);
    assertEquals(after[0], after[1], "and so did its room");
    assertTrue(positions(d.tenant(), "to")[0] > from[0]);
  }

  @Test
  void aPositionIsNeverPendingAfterTheImportHasReturned() {
    Docs d = tenant();
    for (int i = 0; i < 50; i++) {
      d.message(message("m" + i, "text " + i));
    }
    admin.load(d.json());
    Row row = sql.preparedQuery("""
        SELECT count(*) FILTER (WHERE change_pos <= 0), count(DISTINCT change_pos), count(*),
               (SELECT last_change_pos FROM room WHERE tenant_id = $1 AND id = 'r'), max(change_pos)
          FROM message WHERE tenant_id = $1""").execute(Tuple.of(d.tenant())).await().iterator().next();
    assertEquals(0L, row.getLong(0), "no message left with its pending marker");
    assertEquals(50L, row.getLong(1), "every message its own position");
    assertEquals(row.getLong(4), row.getLong(3), "the room's last_change_pos is its newest message's");
  }

  /**
   * Within one import the positions follow the rooms' timeline ({@code createdAt}, then insertion
   * order), whatever the document's order and whichever messages already existed: the order in
   * which the feed delivers one import's changes is the order the native pages show them.
   */
  @Test
  void oneImportsPositionsFollowTheTimelineNotTheDocumentOrHeap() {
    Docs d = tenant().message(message("old", "first, re-imported below"));
    admin.load(d.json());
    String tenant = d.tenant();
    Docs batch = Docs.forTenant(tenant);
    for (int i = 9; i >= 0; i--) {
      batch.message(message("t" + i, "at +" + i + " s").put("createdAt", t.plusSeconds(i).toString()));
    }
    batch.message(message("old", "re-imported last, its createdAt oldest"));
    batch.message(message("same-a", "same time as t5, inserted before same-b").put("createdAt", t.plusSeconds(5).toString()));
    batch.message(message("same-b", "same time as t5").put("createdAt", t.plusSeconds(5).toString()));
    admin.load(batch.json());
    List<String> byPosition = new ArrayList<>();
    for (Row row : sql.preparedQuery("SELECT id FROM message WHERE tenant_id = $1 ORDER BY change_pos")
        .execute(Tuple.of(tenant)).await()) {
      byPosition.add(row.getString(0));
    }
    assertEquals(List.of("old", "t0", "t1", "t2", "t3", "t4", "t5", "same-a", "same-b", "t6", "t7", "t8", "t9"),
        byPosition);
  }

  /**
   * Issue 12, "never skip a late commit": import A starts first and writes its messages (it takes
   * its positions first if they were taken at insert), then waits for a row lock this test holds;
   * meanwhile import B writes and commits. A tail read between the two commits and one after both
   * return every message once, in position order: A's messages, committed last, come after B's.
   */
  @Test
  void theFirstImportToStartButTheLastToCommitIsNotSkippedByATailRead() throws Exception {
    Docs d = tenant().message(message("blocker", "held by the test"));
    admin.load(d.json());
    String tenant = d.tenant();
    long start = positions(tenant, "blocker")[0];

    SqlConnection holder = sql.getConnection().await();
    Transaction held = holder.begin().await();
    holder.preparedQuery("SELECT 1 FROM message WHERE tenant_id = $1 AND id = 'blocker' FOR UPDATE")
        .execute(Tuple.of(tenant)).await();
    JsonArray early = new JsonArray();
    for (String id : List.of("early-1", "early-2", "blocker")) {
      early.add(message(id, id + " from A").put("tenant", tenant));
    }
    JsonObject importA = new JsonObject().put("messages", early);
    CompletableFuture<Http.Response> a;
    try (Http httpA = new Http(TestGateway.shared().port())) {
      a = CompletableFuture.supplyAsync(() -> new Admin(httpA).importJson(importA));
      Eventually.eventually(Duration.ofSeconds(20), "import A has written early-1 and waits for the test's lock",
          () -> sql.preparedQuery("""
              SELECT count(*) FROM pg_stat_activity
               WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO message%'""").execute().await()
              .iterator().next().getLong(0) == 1);

      Http.Response b = admin.importNdjson(message("late-1", "from B").put("kind", "message").put("tenant", tenant)
          .encode() + "\n");
      assertEquals(200, b.status(), b.body());
      List<String> first = new ArrayList<>();
      long seen = tail(tenant, start, first);
      assertEquals(List.of("late-1"), first, "between the commits: only B's message");

      held.commit().await();
      holder.close().await();
      Http.Response doneA = a.get(30, TimeUnit.SECONDS);
      assertEquals(200, doneA.status(), doneA.body());
      List<String> second = new ArrayList<>();
      tail(tenant, seen, second);
      List<String> all = new ArrayList<>(first);
      all.addAll(second);
      assertEquals(Set.of("late-1", "early-1", "early-2", "blocker"), new HashSet<>(all),
          "every message of both imports, A's committed late included: " + all);
      assertEquals(4, all.size(), "none twice: " + all);
    } finally {
      holder.close();
    }
  }

  /** Reads the tenant's changes after {@code after} into {@code ids}, checks their order, returns the last position. */
  long tail(String tenant, long after, List<String> ids) {
    long last = after;
    for (Row row : sql.preparedQuery(TAIL).execute(Tuple.of(tenant, after)).await()) {
      assertTrue(row.getLong(1) > last, "ascending positions");
      last = row.getLong(1);
      ids.add(row.getString(0));
    }
    return last;
  }
}
