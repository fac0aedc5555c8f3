package io.chatgw.gateway.dialect.deadsimplechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
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
    // the test cluster commits asynchronously, and VACUUM marks a page all-visible (what makes an
    // index-only scan cheap) only once the inserting commits are flushed: CHECKPOINT flushes them
    sql.query("CHECKPOINT").execute().await();
    sql.query("VACUUM ANALYZE message, room, app_user, reaction").execute().await();
  }

  String plan(String query, long skip) {
    StringBuilder plan = new StringBuilder();
    for (Row row : sql.preparedQuery("EXPLAIN (COSTS OFF) " + query)
        .execute(Tuple.of(tenant, "r", skip, 50L)).await()) {
      plan.append(row.getString(0)).append('\n');
    }
    return plan.toString();
  }

  /** The node right under the page's Limit: the scan that feeds it, with nothing sorted between. */
  static String underTheLimit(String plan) {
    String[] lines = plan.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].trim().equals("->  Limit")) {
        return lines[i + 1].trim();
      }
    }
    throw new AssertionError("no Limit in\n" + plan);
  }

  // the page itself is read inside live_page() (V005), whose plan EXPLAIN does not show: its
  // bounds are checked with auto_explain in DeadSimpleChatBigRoomPlanTest

  /**
   * The test store's user and room tables are a few pages, where a sequential scan is the right
   * plan; with sequential scans ruled out, every table must still be reachable through an index.
   */
  @Test
  void everyTableIsReachedThroughAnIndexWhenTablesAreLarge() {
    for (String query : new String[] {DeadSimpleChatReader.SELECT_PAGE, DeadSimpleChatReader.SELECT_ATTACHMENT_PAGE}) {
      String plan = sql.withConnection(conn -> conn.query("SET enable_seqscan = off").execute()
          .compose(v -> conn.preparedQuery("EXPLAIN (COSTS OFF) " + query).execute(Tuple.of(tenant, "r", 0L, 50L)))
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
