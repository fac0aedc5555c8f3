package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** admin-api.md: POST /admin/v1/import, JSON documents and NDJSON streams. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTest {

  Http http;
  Admin admin;
  Instant now = Instant.now();

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
  }

  @AfterAll
  void close() {
    http.close();
  }

  long count(String sql, String tenant) {
    return TestGateway.shared().sql().preparedQuery(sql).execute(Tuple.of(tenant)).await()
        .iterator().next().getLong(0);
  }

  long messages(String tenant) {
    return count("SELECT count(*) FROM message WHERE tenant_id = $1", tenant);
  }

  long tenants(String tenant) {
    return count("SELECT count(*) FROM tenant WHERE id = $1", tenant);
  }

  @Test
  void aDocumentIsStoredAndCounted() {
    Docs d = Docs.newTenant("imp").user("u1", "a").user("u2", "b").room("r", 1, "u1", "u2")
        .message("m1", "r", "u1", "hi", now).message("m2", "r", "u2", "yo", now)
        .session("u1", "imported-token-" + now.toEpochMilli(), now.plusSeconds(600));
    Http.Response response = admin.importJson(d.json());
    assertEquals(200, response.status(), response.body());
    assertEquals(new JsonObject().put("imported", new JsonObject().put("tenants", 1).put("users", 2)
        .put("rooms", 1).put("messages", 2).put("sessions", 1)), response.json());
    assertEquals(2, messages(d.tenant()));
  }

  @Test
  void reimportingTheSameDocumentChangesNothing() {
    Docs d = Docs.newTenant("idem").user("u1", "a").room("r", 1, "u1")
        .message("m1", "r", "u1", "hi", now).message("m2", "r", "u1", "yo", now);
    admin.load(d.json());
    String token = admin.tokens(d.tenant(), "u1").getString("sessionToken");
    String before = http.get("/api/get_room_messages?room_id=1", "Authorization", token).body();
    long seqBefore = count("SELECT max(seq) - min(seq) FROM message WHERE tenant_id = $1", d.tenant());
    admin.load(d.json());
    assertEquals(2, messages(d.tenant()));
    assertEquals(seqBefore, count("SELECT max(seq) - min(seq) FROM message WHERE tenant_id = $1", d.tenant()));
    assertEquals(before, http.get("/api/get_room_messages?room_id=1", "Authorization", token).body());
    assertEquals(2, count("SELECT count_all FROM room WHERE tenant_id = $1", d.tenant()));
  }

  @Test
  void roomCountersAreExactAfterABigDocumentIntoOneRoomAndAfterChanges() {
    Docs d = Docs.newTenant("counts").user("u1", "a").room("r", 1, "u1");
    for (int i = 0; i < 20_000; i++) {
      JsonObject m = new JsonObject().put("id", "m" + i).put("room", "r").put("sender", "u1").put("text", "t")
          .put("createdAt", now.toEpochMilli()).put("deleted", i % 10 == 0);
      if (i % 4 == 0) {
        m.put("attachment", new JsonObject().put("url", "https://cdn.example/" + i));
      }
      d.message(m);
    }
    admin.load(d.json());
    assertEquals(20_000, count("SELECT count_all FROM room WHERE tenant_id = $1", d.tenant()));
    assertEquals(18_000, count("SELECT count_live FROM room WHERE tenant_id = $1", d.tenant()));
    assertEquals(4_000, count("SELECT count_live_attachments FROM room WHERE tenant_id = $1", d.tenant()));
    // undelete one message, delete another with an attachment
    Docs change = Docs.newTenant("unused")
        .message(new JsonObject().put("id", "m0").put("room", "r").put("sender", "u1").put("createdAt", now.toEpochMilli()))
        .message(new JsonObject().put("id", "m4").put("room", "r").put("sender", "u1").put("deleted", true)
            .put("createdAt", now.toEpochMilli()).put("attachment", new JsonObject().put("url", "https://cdn.example/4")));
    JsonObject doc = new JsonObject().put("messages", change.json().getJsonArray("messages"));
    doc.getJsonArray("messages").forEach(m -> ((JsonObject) m).put("tenant", d.tenant()));
    admin.load(doc);
    assertEquals(20_000, count("SELECT count_all FROM room WHERE tenant_id = $1", d.tenant()));
    assertEquals(18_000, count("SELECT count_live FROM room WHERE tenant_id = $1", d.tenant()));
    assertEquals(3_999, count("SELECT count_live_attachments FROM room WHERE tenant_id = $1", d.tenant()));
    assertEquals(0, count("SELECT count(*) FROM room_count_delta WHERE $1 <> ''", d.tenant()));
  }

  @Test
  void aMessageWithAnUnknownSenderRejectsTheWholeDocument() {
    Docs d = Docs.newTenant("atomic").user("u1", "a").room("r", 1, "u1")
        .message("m1", "r", "u1", "fine", now).message("m2", "r", "ghost", "bad", now);
    Http.Response response = admin.importJson(d.json());
    assertEquals(400, response.status());
    assertEquals("messages[1].sender", response.json().getString("path"));
    assertEquals("invalid_entity", response.json().getString("error"));
    assertEquals(0, tenants(d.tenant()), "nothing of the document is stored");
    assertEquals(0, messages(d.tenant()));
  }

  @Test
  void aMessageInAnUnknownRoomIsABadEntity() {
    Docs d = Docs.newTenant("atomic2").user("u1", "a").message("m1", "nowhere", "u1", "x", now);
    Http.Response response = admin.importJson(d.json());
    assertEquals(400, response.status());
    assertEquals("messages[0].room", response.json().getString("path"));
    assertEquals(0, tenants(d.tenant()));
  }

  @Test
  void unknownMembersAreRejected() {
    Docs d = Docs.newTenant("strict").user(new JsonObject().put("id", "u1").put("username", "a").put("colour", "red"));
    Http.Response response = admin.importJson(d.json());
    assertEquals(400, response.status());
    assertEquals("users[0].colour", response.json().getString("path"));
  }

  @Test
  void badJsonIsA400() {
    Http.Response response = http.post("/admin/v1/import", io.vertx.core.buffer.Buffer.buffer("{nope"),
        "Authorization", "Bearer " + TestGateway.ADMIN_TOKEN, "Content-Type", "application/json");
    assertEquals(400, response.status());
    assertEquals("invalid_json", response.json().getString("error"));
  }

  @Test
  void ndjsonCommitsTheLinesBeforeABadLineAndSaysWhichLine() {
    String tenant = Docs.newTenant("nd").tenant();
    String lines = String.join("\n",
        "{\"kind\":\"tenant\",\"id\":\"" + tenant + "\"}",
        "{\"kind\":\"user\",\"tenant\":\"" + tenant + "\",\"id\":\"u1\",\"username\":\"a\"}",
        "",
        "{\"kind\":\"room\",\"tenant\":\"" + tenant + "\",\"id\":\"r\",\"members\":[\"u1\"]}",
        "{\"kind\":\"message\",\"tenant\":\"" + tenant + "\",\"room\":\"r\",\"id\":\"m1\",\"sender\":\"u1\",\"text\":\"x\"}",
        "{\"kind\":\"message\",\"tenant\":\"" + tenant + "\",\"room\":\"r\",\"id\":\"m2\",\"sender\":\"ghost\"}",
        "{\"kind\":\"message\",\"tenant\":\"" + tenant + "\",\"room\":\"r\",\"id\":\"m3\",\"sender\":\"u1\"}") + "\n";
    Http.Response response = admin.importNdjson(lines);
    assertEquals(400, response.status(), response.body());
    assertEquals(6, response.json().getInteger("line"));
    assertEquals(4, response.json().getInteger("committed"));
    assertEquals("line 6.sender", response.json().getString("path"));
    assertEquals(1, messages(tenant));
  }

  @Test
  void ndjsonLoadsManyBatches() {
    String tenant = Docs.newTenant("ndbig").tenant();
    StringBuilder lines = new StringBuilder()
        .append("{\"kind\":\"tenant\",\"id\":\"").append(tenant).append("\"}\n")
        .append("{\"kind\":\"user\",\"tenant\":\"").append(tenant).append("\",\"id\":\"u\",\"username\":\"u\"}\n")
        .append("{\"kind\":\"room\",\"tenant\":\"").append(tenant).append("\",\"id\":\"r\",\"members\":[\"u\"]}\n");
    int n = ImportLimits.DEFAULTS.batchLines() * 2 + 17;
    for (int i = 0; i < n; i++) {
      lines.append("{\"kind\":\"message\",\"tenant\":\"").append(tenant)
          .append("\",\"room\":\"r\",\"sender\":\"u\",\"text\":\"m").append(i).append("\"}\n");
    }
    Http.Response response = admin.importNdjson(lines.toString());
    assertEquals(200, response.status(), response.body());
    assertEquals(n, response.json().getJsonObject("imported").getInteger("messages"));
    assertEquals(n, messages(tenant));
    assertEquals(n, count("SELECT count_live FROM room WHERE tenant_id = $1", tenant));
  }

  @Test
  void theAdminApiNeedsTheAdminToken() {
    Http.Response none = http.post("/admin/v1/import", new JsonObject().toBuffer(), "Content-Type", "application/json");
    assertEquals(401, none.status());
    Http.Response wrong = http.post("/admin/v1/import", new JsonObject().toBuffer(),
        "Authorization", "Bearer nope", "Content-Type", "application/json");
    assertEquals(401, wrong.status());
    assertEquals("unauthorized", wrong.json().getString("error"));
  }

  @Test
  void otherContentTypesAre415() {
    Http.Response response = http.post("/admin/v1/import", io.vertx.core.buffer.Buffer.buffer("x"),
        "Authorization", "Bearer " + TestGateway.ADMIN_TOKEN, "Content-Type", "text/plain");
    assertEquals(415, response.status());
  }
}
