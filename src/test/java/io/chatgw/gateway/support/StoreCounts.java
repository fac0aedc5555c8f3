package io.chatgw.gateway.support;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The row count of every table of the store, read straight from PostgreSQL. */
public final class StoreCounts {

  static final List<String> TABLES = List.of("tenant", "api_key", "app_user", "room", "room_member",
      "message", "reaction", "read_receipt", "hidden_message", "session", "room_count_delta");

  /** Table name to row count, in the order of {@link #TABLES}. */
  public record Snapshot(Map<String, Long> rows) {}

  private final Pool sql;

  public StoreCounts(Pool sql) {
    this.sql = sql;
  }

  public Snapshot snapshot() {
    String select = "SELECT " + String.join(", ",
        TABLES.stream().map(t -> "(SELECT count(*) FROM " + t + ") AS " + t).toList());
    Row row = sql.query(select).execute().await().iterator().next();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(table, row.getLong(table));
    }
    return new Snapshot(rows);
  }
}
