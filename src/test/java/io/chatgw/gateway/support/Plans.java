package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.store.Pools;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN ANALYZE of a dialect's own SQL with real parameters, in both plan-cache modes (a
 * prepared statement may switch to a generic plan after five executions), and assertions that
 * read like the spec: a bounded index range scan on the room, no sequential scan, no full sort.
 */
public final class Plans {

  /** One analysed plan: its nodes, flattened. */
  public record Plan(String mode, List<JsonObject> nodes, String text) {

    /** Rows the plan took out of the message table (returned plus filtered away), over all loops. */
    public long messageRowsRead() {
      long rows = 0;
      for (JsonObject node : nodes) {
        if ("message".equals(node.getString("Relation Name"))) {
          long loops = node.getLong("Actual Loops", 1L);
          rows += (node.getLong("Actual Rows", 0L) + node.getLong("Rows Removed by Filter", 0L)
              + node.getLong("Rows Removed by Index Recheck", 0L)) * loops;
        }
      }
      return rows;
    }
  }

  /** The session settings the gateway's own connections have (Pools.PLAN_SETTINGS). */
  private static final String GATEWAY_SETTINGS = Pools.PLAN_SETTINGS.entrySet().stream()
      .map(e -> "SET " + e.getKey() + " = " + e.getValue() + ";").collect(java.util.stream.Collectors.joining(" "));

  private Plans() {}

  /** The plan of {@code sql} with {@code args}, custom and generic. */
  public static List<Plan> explain(Pool sql, String query, Tuple args) {
    List<Plan> plans = new ArrayList<>();
    for (String mode : new String[] {"force_custom_plan", "force_generic_plan"}) {
      JsonArray json = sql.withConnection(conn -> conn.query("SET plan_cache_mode = " + mode + "; " + GATEWAY_SETTINGS).execute()
              .compose(v -> conn.preparedQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query).execute(args))
              .eventually(() -> conn.query("RESET ALL").execute()))
          .await().iterator().next().getJsonArray(0);
      List<JsonObject> nodes = new ArrayList<>();
      flatten(json.getJsonObject(0).getJsonObject("Plan"), nodes);
      plans.add(new Plan(mode, nodes, json.encodePrettily()));
    }
    return plans;
  }

  private static void flatten(JsonObject node, List<JsonObject> out) {
    out.add(node);
    JsonArray children = node.getJsonArray("Plans");
    if (children != null) {
      for (int i = 0; i < children.size(); i++) {
        flatten(children.getJsonObject(i), out);
      }
    }
  }

  /** No sequential scan of the message table, an index on it is used, and no sort of many rows. */
  public static void assertBoundedIndexRangeScan(Plan plan, long maxRowsRead) {
    boolean usesIndex = false;
    for (JsonObject node : plan.nodes()) {
      String type = node.getString("Node Type");
      boolean onMessage = "message".equals(node.getString("Relation Name"));
      assertFalse(onMessage && "Seq Scan".equals(type), "sequential scan of message (" + plan.mode() + "):\n" + plan.text());
      usesIndex |= onMessage && type.contains("Index");
      if ("Sort".equals(type)) {
        assertTrue(node.getLong("Actual Rows", 0L) <= maxRowsRead,
            "a sort of " + node.getLong("Actual Rows") + " rows (" + plan.mode() + "):\n" + plan.text());
      }
    }
    assertTrue(usesIndex, "no index scan of message (" + plan.mode() + "):\n" + plan.text());
    assertTrue(plan.messageRowsRead() <= maxRowsRead,
        plan.messageRowsRead() + " message rows read, more than " + maxRowsRead + " (" + plan.mode() + "):\n" + plan.text());
  }
}
