package io.chatgw.gateway.dialect.deadsimplechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.store.Pools;
import io.chatgw.gateway.support.Plans;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * model.md: every history read is a range scan on the room's index, newest first, never a sort of
 * the room; DeadSimpleChat's offset costs O(skip) index entries, not heap rows (message_room_live_created). With
 * {@code onlyAttachments} it reads the partial index of live messages with a file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadSimpleChatQueryPlanTest {

  Pool sql;
  String tenant;
  long roomPk;

  @BeforeAll
  void load() {
    sql = TestGateway.shared().sql();
    Docs data = Docs.newTenant("dsc-plan").user("u", "u").room("r", 1, "u");
    // many one-message rooms: the planner believes a room holds a few messages, the worst case for
    // choosing an ordered scan over "fetch the whole room and sort it"
    for (int room = 2; room < 400; room++) {
      data.room("small" + room, room, "u").message("s" + room, "small" + room, "u", "x", Instant.EPOCH);
    }
    JsonArray reactions = new JsonArray().add(new JsonObject().put("user", "u").put("reaction", "wave"));
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 2000; i++) {
      JsonObject message = new JsonObject().put("id", "m" + i).put("room", "r").put("sender", "u")
          .put("text", "t" + i).put("createdAt", base.plusSeconds(i).toString()).put("deleted", i % 10 == 0)
          .put("reactions", i % 7 == 0 ? reactions : new JsonArray());
      if (i % 20 == 1) {
        message.put("attachment", new JsonObject().put("url", "https://cdn.example/" + i));
      }
      data.message(message);
    }
    try (Http http = new Http(TestGateway.shared().port())) {
      new Admin(http).load(data.json());
    }
    tenant = data.tenant();
    roomPk = sql.preparedQuery("SELECT pk FROM room WHERE tenant_id = $1 AND id = 'r'").execute(Tuple.of(tenant))
        .await().iterator().next().getLong(0);
    // the test cluster commits asynchronously, and VACUUM marks a page all-visible (what makes an
    // index-only scan cheap) only once the inserting commits are flushed: CHECKPOINT flushes them
    sql.query("CHECKPOINT").execute().await();
    sql.query("VACUUM ANALYZE message, room, app_user, reaction").execute().await();
  }

  /** The plan the gateway's connections run: generic (Pools.PLAN_SETTINGS), so planned for any room. */
  String plan(String query, long skip) {
    return sql.withConnection(conn -> {
      Future<?> ready = conn.query("PREPARE dsc_plan(bigint, bigint, bigint) AS " + query).execute();
      for (Map.Entry<String, String> setting : Pools.PLAN_SETTINGS.entrySet()) {
        ready = ready.compose(v -> conn.query("SET " + setting.getKey() + " = " + setting.getValue()).execute());
      }
      return ready.compose(v -> conn.query("EXPLAIN (COSTS OFF) EXECUTE dsc_plan(" + roomPk + ", " + skip + ", 50)")
              .execute())
          .map(rows -> {
            StringBuilder plan = new StringBuilder();
            rows.forEach(row -> plan.append(row.getString(0)).append('\n'));
            return plan.toString();
          })
          .eventually(() -> conn.query("DEALLOCATE dsc_plan; RESET ALL").execute());
    }).await();
  }

  /**
   * The node right under the page's Limit: the scan that feeds it, with nothing sorted between
   * (but the one-time filter that skips the scan for a skip past the room's counter).
   */
  static String underTheLimit(String plan) {
    String[] lines = plan.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].trim().equals("->  Limit")) {
        int scan = i + 1;
        String gate = lines[scan + 1].trim();
        if (lines[scan].trim().equals("->  Result") && gate.startsWith("One-Time Filter: (")
            && gate.contains(" < r.count_live")) {
          scan += 2;
        }
        return lines[scan].trim();
      }
    }
    throw new AssertionError("no Limit in\n" + plan);
  }

  /**
   * The page is read straight off the partial index, backwards, its Limit right above the scan,
   * although here the planner takes a room for six messages (the average), the case in which it
   * would rather sort a whole room.
   */
  @Test
  void thePageIsABackwardScanOfThePartialIndexRightUnderTheLimit() {
    assertEquals("->  Index Scan Backward using message_room_live_created on message m",
        underTheLimit(plan(DeadSimpleChatReader.statement(false, 0), 0)));
    assertEquals("->  Index Scan Backward using message_room_live_attachments on message m",
        underTheLimit(plan(DeadSimpleChatReader.statement(true, 200), 200)));
    assertEquals("->  Index Only Scan Backward using message_room_live_created on message k",
        underTheLimit(plan(DeadSimpleChatReader.statement(false, 201), 201)));
    assertEquals("->  Index Only Scan Backward using message_room_live_attachments on message k",
        underTheLimit(plan(DeadSimpleChatReader.statement(true, 1000), 1000)));
  }

  /** Whatever the plan cache mode, the page costs its skip and its limit, not the room, and sorts nothing. */
  @Test
  void aPageReadsOnlyThePageEvenWhenRoomsLookTiny() {
    for (boolean onlyAttachments : new boolean[] {false, true}) {
      for (long skip : new long[] {0, 150, 1000}) {
        for (Plans.Plan plan : Plans.explain(DeadSimpleChatReader.statement(onlyAttachments, skip),
            Tuple.of(roomPk, skip, 50L))) {
          Plans.assertBoundedIndexRangeScan(plan, skip + 100);
          assertFalse(plan.sortsMessages(), plan.text()); // the rows come out in the index's order
        }
      }
    }
  }

  /**
   * Only the page's messages flagged has_reactions probe reaction_message (once for each of the
   * three arrays); the others cost nothing. And the page's rows are not sorted: they come out in
   * their index's order.
   */
  @Test
  void likesAreLookedUpOnlyForTheFlaggedMessages() {
    long flagged = sql.preparedQuery("""
        SELECT count(*) FILTER (WHERE has_reactions) FROM (
          SELECT has_reactions FROM message WHERE room_pk = $1 AND NOT deleted
           ORDER BY created_at DESC, seq DESC LIMIT 50) p""").execute(Tuple.of(roomPk)).await()
        .iterator().next().getLong(0);
    assertTrue(flagged > 0 && flagged < 50, "flagged: " + flagged);
    for (Plans.Plan plan : Plans.explain(DeadSimpleChatReader.statement(false, 0), Tuple.of(roomPk, 0L, 50L))) {
      assertEquals(List.of(flagged, flagged, flagged), plan.loopsOver("reaction"), plan.text());
      assertFalse(plan.sortsMessages(), plan.text());
    }
  }

  /** A skip past the room's counter stops before any scan, whatever its size. */
  @Test
  void aSkipPastTheEndReadsNoMessageRow() {
    for (boolean onlyAttachments : new boolean[] {false, true}) {
      for (Plans.Plan plan : Plans.explain(DeadSimpleChatReader.statement(onlyAttachments, 10_000_000),
          Tuple.of(roomPk, 10_000_000L, 1000L))) {
        assertEquals(0, plan.messageRowsRead(), plan.text());
      }
    }
  }

  /**
   * The test store's user and room tables are a few pages, where a sequential scan is the right
   * plan; with sequential scans ruled out, every table must still be reachable through an index.
   */
  @Test
  void everyTableIsReachedThroughAnIndexWhenTablesAreLarge() {
    for (String query : new String[] {DeadSimpleChatReader.SELECT_PAGE, DeadSimpleChatReader.SELECT_ATTACHMENT_PAGE,
        DeadSimpleChatReader.SELECT_DEEP_PAGE, DeadSimpleChatReader.SELECT_DEEP_ATTACHMENT_PAGE}) {
      String plan = sql.withConnection(conn -> conn.query("SET enable_seqscan = off").execute()
          .compose(v -> conn.preparedQuery("EXPLAIN (COSTS OFF) " + query).execute(Tuple.of(roomPk, 0L, 50L)))
          .compose(rows -> conn.query("RESET enable_seqscan").execute().map(v -> {
            StringBuilder text = new StringBuilder();
            rows.forEach(row -> text.append(row.getString(0)).append('\n'));
            return text.toString();
          }))).await();
      assertFalse(plan.contains("Seq Scan"), plan);
      assertTrue(plan.contains("Index Scan using reaction_message on reaction x"), plan);
      assertTrue(plan.contains("Index Cond: (message_seq = m.seq)"), plan);
    }
  }
}
