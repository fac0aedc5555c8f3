package io.chatgw.gateway.dialect.meetinglawyers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * model.md: every page is a bounded range scan of a room index on (room_pk, created_at, seq). The
 * reader's own statements are explained and run: the message scan uses that index with the keyset
 * in its index condition, and reads about {@code limit} entries wherever the pivot sits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLawyersKeysetPlanTest {

  static final int SIZE = 3000;
  static final int LIMIT = 20;

  Http http;
  String tenant;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(3, ChronoUnit.DAYS);
    Docs data = Docs.newTenant("ml-plan").user("u", "u").room("r", 1, "u");
    for (int i = 0; i < SIZE; i++) {
      data.message("m" + i, "r", "u", "m" + i, base.plusSeconds(i / 4));
    }
    new Admin(http).load(data.json());
    tenant = data.tenant();
    TestGateway.shared().sql().query("ANALYZE message").execute().await();
  }

  @AfterAll
  void close() {
    http.close();
  }

  /** The plan node that scans {@code message c}, the page. */
  JsonObject pageScan(String sql, Tuple args) {
    JsonArray plan = TestGateway.shared().sql()
        .preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).execute(args).await()
        .iterator().next().getJsonArray(0);
    List<JsonObject> found = new ArrayList<>();
    collect(plan.getJsonObject(0).getJsonObject("Plan"), found);
    assertEquals(1, found.size(), plan.encodePrettily());
    return found.get(0);
  }

  static void collect(JsonObject node, List<JsonObject> found) {
    if ("message".equals(node.getString("Relation Name")) && "c".equals(node.getString("Alias"))) {
      found.add(node);
    }
    JsonArray children = node.getJsonArray("Plans", new JsonArray());
    for (int i = 0; i < children.size(); i++) {
      collect(children.getJsonObject(i), found);
    }
  }

  void assertBoundedRangeScan(JsonObject scan, String keyset) {
    assertEquals("Index Scan", scan.getString("Node Type"), scan.encodePrettily());
    // the room's (created_at, seq) index, or its partial twin of live messages
    assertTrue(List.of("message_room_created", "message_room_live_created").contains(scan.getString("Index Name")),
        scan.encodePrettily());
    String condition = scan.getString("Index Cond");
    assertTrue(condition.contains("room_pk = "), condition);
    if (keyset != null) {
      assertTrue(condition.contains(keyset), condition);
    }
    long read = scan.getLong("Actual Rows") + scan.getLong("Rows Removed by Filter", 0L);
    assertTrue(read <= LIMIT, "read " + read + " index entries for a page of " + LIMIT);
  }

  Tuple args(String pivot) {
    long roomPk = TestGateway.shared().sql()
        .preparedQuery("SELECT pk FROM room WHERE tenant_id = $1 AND number = 1").execute(Tuple.of(tenant)).await()
        .iterator().next().getLong(0);
    Tuple args = Tuple.of(roomPk, LIMIT);
    return pivot == null ? args : args.addString(tenant).addString(pivot);
  }

  @Test
  void theNewestPageReadsTheRoomIndexFromItsEnd() {
    assertBoundedRangeScan(pageScan(MeetingLawyersReader.SELECT_NEWEST, args(null)), null);
  }

  @Test
  void olderPagesNearEitherEndReadOnlyAPage() {
    for (String pivot : List.of("m" + (SIZE - 1), "m" + (SIZE / 2), "m" + (LIMIT + 3), "m1")) {
      assertBoundedRangeScan(pageScan(MeetingLawyersReader.SELECT_BEFORE_PIVOT, args(pivot)),
          "(ROW(created_at, seq) < ROW(p.created_at, p.seq))");
    }
  }

  @Test
  void newerPagesNearEitherEndReadOnlyAPage() {
    for (String pivot : List.of("m0", "m" + (SIZE / 2), "m" + (SIZE - LIMIT - 3), "m" + (SIZE - 2))) {
      assertBoundedRangeScan(pageScan(MeetingLawyersReader.SELECT_AFTER_PIVOT, args(pivot)),
          "(ROW(created_at, seq) > ROW(p.created_at, p.seq))");
    }
  }
}
