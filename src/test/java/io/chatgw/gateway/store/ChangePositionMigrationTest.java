package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.TestGateway;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V009 on a store that already holds messages: they are numbered in insertion order, each room's
 * last_change_pos is its newest, and the sequence goes on after them. Run in a schema of its own
 * (search_path), V001-V008 first, so the shared store is not touched.
 */
class ChangePositionMigrationTest {

  static String sql(String file) throws IOException {
    try (InputStream in = ChangePositionMigrationTest.class.getResourceAsStream("/db/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void existingMessagesAreNumberedInInsertionOrder() throws Exception {
    String schema = "v009_" + Long.toHexString(System.nanoTime());
    SqlConnection conn = TestGateway.shared().sql().getConnection().await();
    try {
      conn.query("CREATE SCHEMA " + schema).execute().await();
      conn.query("SET search_path = " + schema).execute().await();
      for (String file : List.of("V001__schema.sql", "V002__imkit_page.sql", "V003__live_page.sql",
          "V004__page_function_rows.sql", "V005__live_page_rows.sql", "V006__user_description_optional.sql",
          "V007__tenant_rate_limit.sql", "V008__message_extras_flags.sql")) {
        conn.query(sql(file)).execute().await();
      }
      conn.query("""
          INSERT INTO tenant (id) VALUES ('t');
          INSERT INTO app_user (tenant_id, id, username, nickname) VALUES ('t', 'u', 'u', 'u');
          INSERT INTO room (tenant_id, id, number) VALUES ('t', 'r1', 1), ('t', 'r2', 2), ('t', 'empty', 3);
          INSERT INTO message (tenant_id, id, room_pk, sender_pk, created_at, updated_at, message_time)
          SELECT 't', x.id, (SELECT pk FROM room WHERE id = x.room), (SELECT pk FROM app_user),
                 now() - x.age * interval '1 hour', now(), now()
            FROM (VALUES ('a', 'r1', 1), ('b', 'r2', 5), ('c', 'r1', 9)) x(id, room, age)""").execute().await();

      conn.query(sql("V009__change_position.sql")).execute().await();

      List<String> messages = new ArrayList<>();
      for (Row row : conn.query("SELECT id, change_pos FROM message ORDER BY seq").execute().await()) {
        messages.add(row.getString(0) + "=" + row.getLong(1));
      }
      assertEquals(List.of("a=1", "b=2", "c=3"), messages, "numbered in insertion order (seq), not by time");
      List<String> rooms = new ArrayList<>();
      for (Row row : conn.query("SELECT id, last_change_pos FROM room ORDER BY number").execute().await()) {
        rooms.add(row.getString(0) + "=" + row.getLong(1));
      }
      assertEquals(List.of("r1=3", "r2=2", "empty=0"), rooms);
      assertEquals(4L, conn.query("SELECT nextval('change_pos_seq')").execute().await().iterator().next().getLong(0));
      assertEquals("NO", conn.query("""
          SELECT is_nullable FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = 'message' AND column_name = 'change_pos'""")
          .execute().await().iterator().next().getString(0));
    } finally {
      conn.query("DROP SCHEMA " + schema + " CASCADE").execute().await();
      conn.query("RESET search_path").execute().await();
      conn.close().await();
    }
  }
}
