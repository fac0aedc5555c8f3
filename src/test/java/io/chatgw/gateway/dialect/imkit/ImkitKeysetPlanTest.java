package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §5 and model.md: every page is a range scan on the index of its sort key,
 * (room_pk, K, seq), that reads no more rows than the page holds, wherever in the room it starts —
 * also when the planner's idea of a room's size (the average room) is far below the page size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitKeysetPlanTest {

  static final int MESSAGES = 1500;
  static final int LIMIT = 100;
  /** A statement that names the message table (not hidden_message or room_member). */
  static final Pattern READS_MESSAGE = Pattern.compile("\\bmessage\\b");
  static final OffsetDateTime ONE_MINUTE_IN = OffsetDateTime.of(2024, 1, 1, 0, 1, 0, 0, ZoneOffset.UTC);

  Http http;
  String tenant;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Docs docs = Docs.newTenant("imkit-plan").user("u", "u").user("out", "out").room("big", 1, "u");
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < MESSAGES; i++) {
      Instant t = t0.plusSeconds(i);
      docs.message(new JsonObject().put("id", "m" + i).put("room", "big").put("sender", "u").put("text", "x")
          .put("createdAt", t.toString()).put("updatedAt", t.plusSeconds(1).toString())
          .put("messageTime", t.plusSeconds(2).toString()));
    }
    // many middle-sized rooms: the planner's guess for "the rows of a room" (the average room)
    // falls below LIMIT, where a bitmap scan plus sort looks cheaper than the ordered index scan
    for (int room = 0; room < 40; room++) {
      docs.room("small" + room, 10 + room, "u");
      for (int i = 0; i < 60; i++) {
        docs.message("s" + room + "-" + i, "small" + room, "u", "x", t0.plusSeconds(i));
      }
    }
    tenant = docs.tenant();
    ImkitClient.load(http, docs, "u");
    TestGateway.shared().sql().query("ANALYZE").execute().await();
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
  @ValueSource(booleans = {false, true})
  void aBeforeMessageNearTheOldestReadsNoMoreThanTheNewestEnd(boolean generic) {
    for (TimeRangeField field : TimeRangeField.values()) {
      try (PagePlans plans = new PagePlans(generic)) {
        long newest = rowsRead(plans, field, params(field, null, null, null));
        long nearOldest = rowsRead(plans, field, params(field, null, null, "m5"));
        assertEquals(LIMIT, newest);
        assertEquals(5, nearOldest);
        assertEquals(LIMIT, rowsRead(plans, field, params(field, null, null, "m1000")));
      }
    }
  }

  /**
   * With the generic plans the gateway runs ({@code plan_cache_mode = force_generic_plan},
   * {@code store/Pools.PLAN_SETTINGS}). Not with custom plans: for a window with a time bound, the
   * custom plan follows the table's statistics, and on this class's data alone it chose a bitmap
   * scan with a top-N sort of the room's 1,440 newer rows, while on the data of the whole suite it
   * chose the index scan. Its outcome depended on which tests ran before it, and the gateway never
   * runs a custom plan.
   */
  @Test
  void forwardWindowsStartAtTheirBound() {
    for (TimeRangeField field : TimeRangeField.values()) {
      try (PagePlans plans = new PagePlans(true)) {
        assertEquals(LIMIT, rowsRead(plans, field, params(field, null, "m5", null)));
        assertEquals(LIMIT, rowsRead(plans, field, params(field, ONE_MINUTE_IN, null, null)));
        assertEquals(LIMIT, rowsRead(plans, field, params(field, ONE_MINUTE_IN, "m1000", null)));
        assertEquals(3, rowsRead(plans, field, params(field, null, "m100", "m104")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TimeRangeField.class)
  void aCallerWhoMayNotSeeThePageReadsNoMessages(TimeRangeField field) {
    try (PagePlans plans = new PagePlans(false)) {
      ImkitParams params = params(field, null, null, "no-such-anchor");
      List<JsonObject> nested = plans.run(ImkitReader.statement(params), PagePlans.arguments(tenant, "big", "u", params));
      assertEquals(0, pageScan(nested, field, true).getLong("Actual Rows"));
    }
    // membership comes from the directory: an outsider's request runs no statement that reads message
    for (String outsider : List.of("nobody", "out")) {
      List<String> statements = new ArrayList<>();
      ImkitParams all = params(field, null, null, null);
      Throwable failure = ImkitReader.read(new HistoryRequest("imkit", new Principal(tenant, outsider), all), all,
          PagePlans.recordingStore(statements)).transform(ar -> Future.succeededFuture(ar.cause())).await();
      assertEquals(ImkitErrors.NOT_ROOM_MEMBER, ((GatewayError) failure).status(), outsider);
      assertTrue(statements.stream().noneMatch(sql -> READS_MESSAGE.matcher(sql).find()), statements.toString());
    }
  }

  /** Runs the production statement; answers how many rows the page's index scan produced. */
  long rowsRead(PagePlans plans, TimeRangeField field, ImkitParams params) {
    JsonObject scan = pageScan(plans.run(ImkitReader.statement(params), PagePlans.arguments(tenant, "big", "u", params)),
        field, !params.unfiltered());
    return scan.getLong("Actual Rows") * scan.getLong("Actual Loops");
  }

  /**
   * The page's scan: the one plan that reads message on a room index must sort no message rows, use
   * no bitmap scan and read the room with one plain index scan on K's index, bounded in its index
   * condition ({@code windowed}: on both sides of (K, seq); else the room's newest, bounded by the
   * limit alone), with nothing filtered out after reading; its only other reads of message are the
   * anchors, one lookup by (tenant, id) each.
   */
  static JsonObject pageScan(List<JsonObject> plans, TimeRangeField field, boolean windowed) {
    List<JsonObject> pagePlans = plans.stream()
        .filter(p -> PagePlans.nodes(p).stream().anyMatch(n -> n.getString("Index Name", "").startsWith("message_room")))
        .toList();
    assertEquals(1, pagePlans.size(), plans.toString());
    List<JsonObject> nodes = PagePlans.nodes(pagePlans.get(0));
    String plan = pagePlans.get(0).encodePrettily();
    assertTrue(nodes.stream().noneMatch(n -> n.getString("Node Type").contains("Sort") && readsMessage(n)
        || n.getString("Node Type").startsWith("Bitmap")), plan);
    List<JsonObject> scans = nodes.stream().filter(n -> "message".equals(n.getString("Relation Name"))).toList();
    List<JsonObject> roomScans = scans.stream()
        .filter(n -> n.getString("Index Name", "").startsWith("message_room")).toList();
    assertEquals(1, roomScans.size(), plan);
    assertTrue(scans.size() <= 3, plan); // a custom plan leaves out the lookup of an anchor not given
    for (JsonObject anchor : scans) {
      if (anchor != roomScans.get(0)) {
        assertEquals("Index Scan", anchor.getString("Node Type"), plan);
        assertEquals("message_tenant_id_id_key", anchor.getString("Index Name"), plan);
        assertTrue(anchor.getLong("Actual Rows", 0L) * anchor.getLong("Actual Loops", 0L) <= 1, plan);
      }
    }
    JsonObject scan = roomScans.get(0);
    assertEquals("Index Scan", scan.getString("Node Type"), plan);
    assertEquals(indexOf(field), scan.getString("Index Name"), plan);
    String cond = scan.getString("Index Cond", "");
    assertTrue(cond.contains("room_pk"), plan);
    if (windowed) {
      assertTrue(cond.contains("seq") && cond.contains(">") && cond.contains("<"), plan);
    }
    assertEquals(0L, scan.getLong("Rows Removed by Filter", 0L), plan);
    return scan;
  }

  /** Whether the node or one below it reads the message table. */
  static boolean readsMessage(JsonObject node) {
    return PagePlans.nodes(new JsonObject().put("Plan", node)).stream()
        .anyMatch(n -> "message".equals(n.getString("Relation Name")));
  }
}
