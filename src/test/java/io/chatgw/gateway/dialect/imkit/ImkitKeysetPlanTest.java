package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * dialects.md §5 and model.md: every page is a keyset range scan on the index of its sort key,
 * (room_pk, K, seq), that reads no more rows than the page holds, wherever in the room it starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitKeysetPlanTest {

  static final int MESSAGES = 400;
  static final int LIMIT = 20;

  Http http;
  String tenant;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Docs docs = Docs.newTenant("imkit-plan").user("u", "u").room("big", 1, "u");
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < MESSAGES; i++) {
      Instant t = t0.plusSeconds(i);
      docs.message(new JsonObject().put("id", "m" + i).put("room", "big").put("sender", "u").put("text", "x")
          .put("createdAt", t.toString()).put("updatedAt", t.plusSeconds(1).toString())
          .put("messageTime", t.plusSeconds(2).toString()));
    }
    tenant = docs.tenant();
    ImkitClient.load(http, docs, "u");
    TestGateway.shared().sql().query("ANALYZE message").execute().await();
  }

  @AfterAll
  void close() {
    http.close();
  }

  static String indexOf(TimeRangeField field) {
    return switch (field) {
      case UPDATED_AT -> "message_room_updated";
      case CREATED_AT -> "message_room_created";
      case MESSAGE_TIME -> "message_room_message_time";
    };
  }

  ImkitParams params(TimeRangeField field, OffsetDateTime afterTime, String after, String before) {
    return new ImkitParams("big", field, LIMIT, afterTime, after, before);
  }

  @ParameterizedTest
  @EnumSource(TimeRangeField.class)
  void aBeforeMessageNearTheOldestReadsNoMoreThanTheNewestEnd(TimeRangeField field) {
    long newest = pageRowsRead(field, params(field, null, null, null), false);
    long nearOldest = pageRowsRead(field, params(field, null, null, "m5"), false);
    assertEquals(LIMIT, newest);
    assertEquals(5, nearOldest);
    assertEquals(LIMIT, pageRowsRead(field, params(field, null, null, "m300"), false));
  }

  @ParameterizedTest
  @EnumSource(TimeRangeField.class)
  void forwardWindowsStartAtTheirBound(TimeRangeField field) {
    assertEquals(LIMIT, pageRowsRead(field, params(field, null, "m5", null), false));
    assertEquals(LIMIT, pageRowsRead(field,
        params(field, OffsetDateTime.of(2024, 1, 1, 0, 1, 0, 0, ZoneOffset.UTC), null, null), false));
    assertEquals(LIMIT, pageRowsRead(field,
        params(field, OffsetDateTime.of(2024, 1, 1, 0, 1, 0, 0, ZoneOffset.UTC), "m200", null), false));
    assertEquals(3, pageRowsRead(field, params(field, null, "m100", "m104"), false));
  }

  @ParameterizedTest
  @EnumSource(TimeRangeField.class)
  void theGenericPlanOfAPreparedStatementStaysAKeysetScan(TimeRangeField field) {
    assertEquals(5, pageRowsRead(field, params(field, null, null, "m5"), true));
    assertEquals(LIMIT, pageRowsRead(field, params(field, null, "m5", null), true));
    assertEquals(LIMIT, pageRowsRead(field, params(field, null, null, null), true));
  }

  /**
   * Runs the production statement under EXPLAIN ANALYZE and answers how many message rows the
   * page's scan touched, asserting it was an index scan on K's index with the keyset bounds in
   * its index condition and nothing filtered out afterwards.
   */
  long pageRowsRead(TimeRangeField field, ImkitParams params, boolean generic) {
    String sql = ImkitReader.statement(params);
    Tuple args = ImkitReader.arguments(tenant, "u", params);
    JsonArray plan = TestGateway.shared().sql().withConnection(conn -> generic
        ? conn.query("SET plan_cache_mode = force_generic_plan").execute()
            .compose(v -> conn.query("PREPARE imkit_probe AS " + sql).execute())
            .compose(v -> conn.query("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE imkit_probe(" + literals(args) + ")").execute())
            .eventually(() -> conn.query("DEALLOCATE ALL").execute()
                .compose(v -> conn.query("RESET plan_cache_mode").execute()))
        : conn.preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).execute(args))
        .map(rows -> {
          Row row = rows.iterator().next();
          Object value = row.getValue(0);
          return value instanceof JsonArray a ? a : new JsonArray(String.valueOf(value));
        }).await();
    List<JsonObject> scans = new ArrayList<>();
    collect(plan.getJsonObject(0).getJsonObject("Plan"), scans);
    List<JsonObject> pageScans = scans.stream()
        .filter(n -> "message".equals(n.getString("Relation Name")))
        .filter(n -> n.getString("Index Name", "").startsWith("message_room")).toList();
    assertEquals(1, pageScans.size(), plan.encodePrettily());
    JsonObject scan = pageScans.get(0);
    assertEquals(indexOf(field), scan.getString("Index Name"), plan.encodePrettily());
    String cond = scan.getString("Index Cond", "");
    assertTrue(cond.contains("room_pk") && cond.contains("seq"), plan.encodePrettily());
    assertFalse(scan.containsKey("Filter") && scan.getLong("Rows Removed by Filter", 0L) > 0, plan.encodePrettily());
    return scan.getLong("Actual Rows") * scan.getLong("Actual Loops");
  }

  static void collect(JsonObject node, List<JsonObject> out) {
    out.add(node);
    JsonArray children = node.getJsonArray("Plans");
    if (children != null) {
      children.forEach(child -> collect((JsonObject) child, out));
    }
  }

  /** The tuple as SQL literals, for EXECUTE: test data only (no quotes in any value). */
  static String literals(Tuple args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Object value = args.getValue(i);
      out.add(value == null ? "NULL" : value instanceof Number ? value.toString() : "'" + value + "'");
    }
    return String.join(", ", out);
  }
}
