package io.chatgw.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, findings 6 and 11: an import never moves a session token to another tenant, and a room
 * number another room of the tenant holds is a bad entity with a path, in both import formats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportIntegrityTest {

  Http http;
  Admin admin;
  Instant soon = Instant.now().plusSeconds(3600);
  Instant recent = Instant.now().minusSeconds(60);

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
  }

  @AfterAll
  void close() {
    http.close();
  }

  /** Tenant A: users u1 (member of room 1) and u2 (not a member), A's message, a session {@code token} of u1. */
  Docs tenantA(String token) {
    return Docs.newTenant("own-a").user("u1", "alice").user("u2", "amos").room("ra", 1, "u1")
        .message("ma", "ra", "u1", "from A", recent).session("u1", token, soon);
  }

  Http.Response mirage(String token) {
    return http.get("/api/get_room_messages?room_id=1", "Authorization", token);
  }

  String uniqueToken() {
    return "imported-token-" + UUID.randomUUID();
  }

  @Test
  void aTokenOfAnotherTenantIsRefusedInADocument() {
    String token = uniqueToken();
    admin.load(tenantA(token).json());
    Docs b = Docs.newTenant("own-b").user("u1", "bob").room("rb", 1, "u1")
        .message("mb", "rb", "u1", "from B", recent).session("u1", token, soon);
    Http.Response refused = admin.importJson(b.json());
    assertEquals(400, refused.status(), refused.body());
    assertEquals(new JsonObject().put("error", "invalid_entity").put("message", "token belongs to another tenant")
        .put("path", "sessions[0].token"), refused.json());
    assertEquals(0, count("SELECT count(*) FROM tenant WHERE id = $1", b.tenant()), "nothing of B is stored");
    assertTrue(mirage(token).body().contains("from A"), "the token still reads A's room: " + mirage(token).body());
  }

  @Test
  void aTokenOfAnotherTenantIsRefusedInNdjsonWithItsLine() {
    String token = uniqueToken();
    admin.load(tenantA(token).json());
    String b = "own-b-" + UUID.randomUUID().toString().substring(0, 8);
    String lines = String.join("\n",
        "{\"kind\":\"tenant\",\"id\":\"" + b + "\"}",
        "{\"kind\":\"user\",\"tenant\":\"" + b + "\",\"id\":\"u1\",\"username\":\"bob\"}",
        "{\"kind\":\"session\",\"tenant\":\"" + b + "\",\"user\":\"u1\",\"token\":\"" + token
            + "\",\"expiresAt\":\"" + soon + "\"}",
        "{\"kind\":\"room\",\"tenant\":\"" + b + "\",\"id\":\"rb\",\"number\":1,\"members\":[\"u1\"]}") + "\n";
    Http.Response refused = admin.importNdjson(lines);
    assertEquals(400, refused.status(), refused.body());
    assertEquals("line 3.token", refused.json().getString("path"));
    assertEquals("token belongs to another tenant", refused.json().getString("message"));
    assertEquals(3, refused.json().getInteger("line"));
    assertEquals(2, refused.json().getInteger("committed"), "the tenant and user lines before it");
    assertEquals(1, count("SELECT count(*) FROM app_user WHERE tenant_id = $1", b));
    assertEquals(0, count("SELECT count(*) FROM room WHERE tenant_id = $1", b), "nothing after the bad line");
    assertTrue(mirage(token).body().contains("from A"), "the token still reads A's room");
  }

  @Test
  void theSameTenantMayReimportItsTokenForAnyOfItsUsers() {
    String token = uniqueToken();
    Docs a = tenantA(token);
    admin.load(a.json());
    admin.load(a.json());
    assertTrue(mirage(token).body().contains("from A"), mirage(token).body());
    JsonObject toU2 = new JsonObject().put("sessions", new JsonArray().add(new JsonObject()
        .put("tenant", a.tenant()).put("user", "u2").put("token", token).put("expiresAt", soon.toString())));
    admin.load(toU2);
    assertEquals(403, mirage(token).status(), "the token is now u2's, who is not in room 1");
  }

  @Test
  void aNumberGivenTwiceInOneDocumentNamesTheSecondRoom() {
    Docs d = Docs.newTenant("num-dup").user("u1", "a").room("r1", 7, "u1").room("r2", 7, "u1");
    Http.Response refused = admin.importJson(d.json());
    assertEquals(400, refused.status(), refused.body());
    assertEquals("invalid_entity", refused.json().getString("error"));
    assertEquals("rooms[1].number", refused.json().getString("path"));
    assertEquals("number 7 is already the number of room 'r1'", refused.json().getString("message"));
    assertEquals(0, count("SELECT count(*) FROM tenant WHERE id = $1", d.tenant()));
  }

  @Test
  void aNumberAnotherStoredRoomHoldsIsRefusedWithItsPath() {
    Docs d = Docs.newTenant("num-store").user("u1", "a").room("r1", 7, "u1");
    admin.load(d.json());
    JsonObject second = rooms(room(d, "r2", 8), room(d, "r3", 7));
    Http.Response refused = admin.importJson(second);
    assertEquals(400, refused.status(), refused.body());
    assertEquals("rooms[1].number", refused.json().getString("path"));
    assertEquals("number 7 is already the number of room 'r1'", refused.json().getString("message"));
    assertEquals(1, count("SELECT count(*) FROM room WHERE tenant_id = $1", d.tenant()), "nothing stored");
    admin.load(rooms(room(d, "r1", 7)));
  }

  @Test
  void aNumberAnotherStoredRoomHoldsIsRefusedInNdjsonWithItsLine() {
    Docs d = Docs.newTenant("num-nd").user("u1", "a").room("r1", 7, "u1");
    admin.load(d.json());
    String lines = String.join("\n",
        "{\"kind\":\"room\",\"tenant\":\"" + d.tenant() + "\",\"id\":\"r2\",\"number\":8}",
        "{\"kind\":\"room\",\"tenant\":\"" + d.tenant() + "\",\"id\":\"r3\",\"number\":7}",
        "{\"kind\":\"room\",\"tenant\":\"" + d.tenant() + "\",\"id\":\"r4\",\"number\":9}") + "\n";
    Http.Response refused = admin.importNdjson(lines);
    assertEquals(400, refused.status(), refused.body());
    assertEquals("line 2.number", refused.json().getString("path"));
    assertEquals(2, refused.json().getInteger("line"));
    assertEquals(1, refused.json().getInteger("committed"));
    assertEquals(2, count("SELECT count(*) FROM room WHERE tenant_id = $1", d.tenant()), "r1 and r2");
  }

  @Test
  void numbersMayMoveBetweenRoomsWithinOneImportAndUnnumberedRoomsNeverCollide() {
    Docs d = Docs.newTenant("num-move").user("u1", "a").room("r1", 7, "u1").room("r2", 8, "u1");
    admin.load(d.json());
    JsonObject moves = rooms(room(d, "r1", 9), room(d, "r2", 7), room(d, "r3", null), room(d, "r4", 10));
    Http.Response moved = admin.importJson(moves);
    assertEquals(200, moved.status(), moved.body());
    assertEquals(9, number(d.tenant(), "r1"));
    assertEquals(7, number(d.tenant(), "r2"));
    assertEquals(10, number(d.tenant(), "r4"));
    assertEquals(11, number(d.tenant(), "r3"), "an unnumbered room takes the highest number + 1");
  }

  JsonObject room(Docs d, String id, Integer number) {
    JsonObject room = new JsonObject().put("tenant", d.tenant()).put("id", id).put("name", id);
    return number == null ? room : room.put("number", number);
  }

  JsonObject rooms(JsonObject... rooms) {
    return new JsonObject().put("rooms", new JsonArray(java.util.List.of((Object[]) rooms)));
  }

  long number(String tenant, String room) {
    return TestGateway.shared().sql().preparedQuery("SELECT number FROM room WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, room)).await().iterator().next().getLong(0);
  }

  long count(String sql, String tenant) {
    return TestGateway.shared().sql().preparedQuery(sql).execute(Tuple.of(tenant)).await()
        .iterator().next().getLong(0);
  }
}
