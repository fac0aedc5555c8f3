package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a statement on a connection of its own with auto_explain reporting every plan, nested ones
 * included (the page query inside {@code imkit_page}), with actual row counts, as notices.
 */
final class PagePlans implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final PgConnection conn;
  private final List<String> notices = new ArrayList<>();

  /** {@code generic}: plan the nested statements without their parameter values. */
  PagePlans(boolean generic) {
    conn = PgConnection.connect(vertx, TestPostgres.url()).await();
    conn.noticeHandler(notice -> notices.add(notice.getMessage()));
    for (String setting : List.of("LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0",
        "SET auto_explain.log_analyze = on", "SET auto_explain.log_nested_statements = on",
        "SET auto_explain.log_format = json", "SET auto_explain.log_level = notice",
        "SET client_min_messages = notice",
        "SET plan_cache_mode = " + (generic ? "force_generic_plan" : "force_custom_plan"))) {
      conn.query(setting).execute().await();
    }
  }

  /** Executes the statement and answers the plans of every statement it ran, innermost first. */
  List<JsonObject> run(String sql, Tuple args) {
    notices.clear();
    conn.preparedQuery(sql).execute(args).await();
    List<JsonObject> plans = new ArrayList<>();
    for (String notice : notices) {
      int json = notice.indexOf('{');
      if (notice.contains("plan:") && json >= 0) {
        plans.add(new JsonObject(notice.substring(json)));
      }
    }
    return plans;
  }

  /** Every node of a plan, depth first. */
  static List<JsonObject> nodes(JsonObject plan) {
    List<JsonObject> out = new ArrayList<>();
    collect(plan.getJsonObject("Plan"), out);
    return out;
  }

  private static void collect(JsonObject node, List<JsonObject> out) {
    out.add(node);
    JsonArray children = node.getJsonArray("Plans");
    if (children != null) {
      children.forEach(child -> collect((JsonObject) child, out));
    }
  }

  @Override
  public void close() {
    conn.close().await();
    vertx.close().await();
  }
}
