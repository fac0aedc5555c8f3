package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.store.Pools;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysed plans of a dialect's own SQL with real parameters (nested statements included), in both plan-cache modes (a
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

    /** How often each node that reads {@code relation} ran, in plan order. */
    public List<Long> loopsOver(String relation) {
      return nodes.stream().filter(node -> relation.equals(node.getString("Relation Name")))
          .map(node -> node.getLong("Actual Loops", 0L)).toList();
    }

    /** Whether any node of the plan sorts message rows (a sort of what a subquery reads elsewhere does not count). */
    public boolean sortsMessages() {
      return nodes.stream().anyMatch(node -> node.getString("Node Type").contains("Sort") && reads(node, "message"));
    }

    private static boolean reads(JsonObject node, String relation) {
      if (relation.equals(node.getString("Relation Name"))) {
        return true;
      }
      JsonArray children = node.getJsonArray("Plans");
      return children != null && children.stream().anyMatch(child -> reads((JsonObject) child, relation));
    }
  }

  /** The session settings the gateway's own connections have (Pools.PLAN_SETTINGS). */
  private static final List<String> GATEWAY_SETTINGS = Pools.PLAN_SETTINGS.entrySet().stream()
      .map(e -> "SET " + e.getKey() + " = " + e.getValue()).toList();

  private Plans() {}

  /**
   * Runs {@code query} with {@code args} under auto_explain (analyse on, nested statements too, so
   * that a page read inside a SQL function is seen), custom and generic; one Plan per mode with
   * the nodes of every statement the query ran.
   */
  public static List<Plan> explain(String query, Tuple args) {
    List<Plan> plans = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      for (String mode : new String[] {"force_custom_plan", "force_generic_plan"}) {
        PgConnection conn = PgConnection.connect(vertx, TestPostgres.url()).await();
        try {
          List<String> notices = new ArrayList<>();
          conn.noticeHandler(n -> notices.add(n.getMessage()));
          List<String> settings = new ArrayList<>(List.of("LOAD 'auto_explain'",
              "SET auto_explain.log_min_duration = 0", "SET auto_explain.log_analyze = on",
              "SET auto_explain.log_buffers = on", "SET auto_explain.log_nested_statements = on",
              "SET auto_explain.log_format = json", "SET auto_explain.log_level = notice",
              "SET client_min_messages = notice", "SET plan_cache_mode = " + mode));
          settings.addAll(GATEWAY_SETTINGS);
          for (String setting : settings) {
            conn.query(setting).execute().await();
          }
          notices.clear();
          conn.preparedQuery(query).execute(args).await();
          List<JsonObject> nodes = new ArrayList<>();
          StringBuilder text = new StringBuilder();
          for (String notice : notices) {
            int json = notice.indexOf('{');
            if (notice.contains("plan:") && json >= 0) {
              JsonObject plan = new JsonObject(notice.substring(json));
              flatten(plan.getJsonObject("Plan"), nodes);
              text.append(plan.encodePrettily()).append('\n');
            }
          }
          plans.add(new Plan(mode, nodes, text.toString()));
        } finally {
          conn.close().await();
        }
      }
    } finally {
      vertx.close().await();
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
      String index = node.getString("Index Name", "");
      usesIndex |= type.contains("Index") && (onMessage || index.startsWith("message_"));
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
