package io.chatgw.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * V008: a message's has_reactions / has_receipts / has_hides is never false while it has such rows
 * (pages skip the lookups of unflagged messages), whatever the import gives: lists, empty lists,
 * no lists, and the same message twice in one batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtrasFlagsTest {

  Http http;
  Admin admin;
  Instant t = Instant.now().minusSeconds(600);

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
  }

  @AfterAll
  void close() {
    http.close();
  }

  JsonObject message(String id, JsonArray reactions, JsonArray readBy, JsonArray hiddenBy) {
    JsonObject m = new JsonObject().put("id", id).put("room", "r").put("sender", "u1").put("text", id)
        .put("createdAt", t.toString());
    if (reactions != null) {
      m.put("reactions", reactions);
    }
    if (readBy != null) {
      m.put("readBy", readBy);
    }
    if (hiddenBy != null) {
      m.put("hiddenBy", hiddenBy);
    }
    return m;
  }

  JsonArray reaction(String id) {
    return new JsonArray().add(new JsonObject().put("id", id).put("user", "u2").put("reaction", "like")
        .put("createdAt", t.plusSeconds(1).toString()));
  }

  JsonArray read() {
    return new JsonArray().add(new JsonObject().put("user", "u2").put("readAt", t.plusSeconds(2).toString()));
  }

  JsonArray hidden() {
    return new JsonArray().add("u2");
  }

  Docs tenant() {
    return Docs.newTenant("flags").user("u1", "alice").user("u2", "bob").room("r", 1, "u1", "u2");
  }

  /** (has_reactions, reaction rows, has_receipts, receipt rows, has_hides, hide rows) of one message. */
  List<Object> stored(String tenant, String id) {
    Row row = TestGateway.shared().sql().preparedQuery("""
        SELECT m.has_reactions, (SELECT count(*) FROM reaction x WHERE x.message_seq = m.seq),
               m.has_receipts, (SELECT count(*) FROM read_receipt x WHERE x.message_seq = m.seq),
               m.has_hides, (SELECT count(*) FROM hidden_message x WHERE x.message_seq = m.seq)
          FROM message m WHERE m.tenant_id = $1 AND m.id = $2""").execute(Tuple.of(tenant, id)).await()
        .iterator().next();
    return List.of(row.getBoolean(0), row.getLong(1), row.getBoolean(2), row.getLong(3), row.getBoolean(4),
        row.getLong(5));
  }

  @Test
  void listsSetTheFlagsEmptyListsClearThemAndAbsentListsKeepThem() {
    Docs d = tenant().message(message("m", reaction("x1"), read(), hidden()))
        .message(message("plain", null, null, null));
    admin.load(d.json());
    assertEquals(List.of(true, 1L, true, 1L, true, 1L), stored(d.tenant(), "m"));
    assertEquals(List.of(false, 0L, false, 0L, false, 0L), stored(d.tenant(), "plain"));
    admin.load(Docs.forTenant(d.tenant()).message(message("m", null, null, null)).json());
    assertEquals(List.of(true, 1L, true, 1L, true, 1L), stored(d.tenant(), "m"), "no lists: kept");
    admin.load(Docs.forTenant(d.tenant()).message(message("m", new JsonArray(), new JsonArray(), new JsonArray()))
        .json());
    assertEquals(List.of(false, 0L, false, 0L, false, 0L), stored(d.tenant(), "m"), "empty lists: cleared");
  }

  @Test
  void theSameMessageTwiceInOneBatchKeepsTheFlagOfTheRowsItsFirstOccurrenceAdded() {
    Docs d = tenant().message(message("m", reaction("x2"), read(), hidden()))
        .message(message("m", new JsonArray(), new JsonArray(), new JsonArray()));
    admin.load(d.json());
    List<Object> stored = stored(d.tenant(), "m");
    for (int i = 0; i < stored.size(); i += 2) {
      long rows = (Long) stored.get(i + 1);
      assertEquals(rows > 0 || (Boolean) stored.get(i), (Boolean) stored.get(i), "a flag is never false while rows exist: " + stored);
    }
  }
}
