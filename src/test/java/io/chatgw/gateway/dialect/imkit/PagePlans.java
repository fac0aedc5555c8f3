package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.config.DirectoryLimits;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a statement on a connection of its own with auto_explain reporting every plan, nested ones
 * included, with actual row counts, as notices.
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

  /**
   * The production statement's arguments for {@code user} reading {@code room} of {@code tenant}:
   * the keys the directory would give the reader, looked up in the store.
   */
  static Tuple arguments(String tenant, String room, String user, ImkitParams params) {
    Row keys = TestGateway.shared().sql().preparedQuery("""
            SELECT (SELECT pk FROM room WHERE tenant_id = $1 AND id = $2),
                   (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = $3)""")
        .execute(Tuple.of(tenant, room, user)).await().iterator().next();
    return ImkitReader.arguments(keys.getLong(0), tenant, keys.getLong(1), params);
  }

  /**
   * A store like the gateway's, on the test pool, that records the SQL of every statement it (or
   * its directory) prepares.
   */
  static StoreContext recordingStore(List<String> statements) {
    Pool sql = TestGateway.shared().sql();
    Pool recording = (Pool) Proxy.newProxyInstance(Pool.class.getClassLoader(), new Class<?>[] {Pool.class},
        (proxy, method, args) -> {
          if (method.getName().equals("preparedQuery") || method.getName().equals("query")) {
            statements.add((String) args[0]);
          }
          try {
            return method.invoke(sql, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Deadlines deadlines = new Deadlines(5000);
    return new StoreContext(recording, deadlines, Clock.systemUTC(),
        TestGateway.shared().config().pages().maxPageBytes(),
        new Directory(recording, deadlines, DirectoryLimits.DEFAULTS));
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
