package io.chatgw.gateway.dialect.mirage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** dialects.md §1: which messages Mirage shows — expiry, the cap across rooms, stored order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirageWindowTest {

  static final long TTL = 54_000;

  Http http;
  Admin admin;
  Instant now;

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @AfterAll
  void close() {
    http.close();
  }

  List<String> texts(Http http, String token, long room) {
    Http.Response response = http.get("/api/get_room_messages?room_id=" + room, "Authorization", token);
    assertEquals(200, response.status(), response.body());
    JsonArray messages = response.json().getJsonArray("messages");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      out.add(messages.getJsonObject(i).getString("message"));
    }
    return out;
  }

  @Test
  void onlyMessagesOfTheLast15HoursAppear() {
    Docs d = Docs.newTenant("ttl").user("u", "u").room("r", 1, "u")
        .message("old", "r", "u", "just expired", now.minusSeconds(TTL + 30))
        .message("edge", "r", "u", "just inside", now.minusSeconds(TTL - 30))
        .message("new", "r", "u", "fresh", now.minusSeconds(1));
    admin.load(d.json());
    String token = admin.tokens(d.tenant(), "u").getString("sessionToken");
    assertEquals(List.of("just inside", "fresh"), texts(http, token, 1));
  }

  @Test
  void theCapKeepsTheTenantsNewest100LiveMessagesAcrossAllRooms() {
    Docs d = Docs.newTenant("cap").user("u", "u").room("a", 1, "u").room("b", 2, "u");
    for (int i = 0; i < 70; i++) {
      d.message("a" + i, "a", "u", "a" + i, now.minusSeconds(2000 - i));
    }
    for (int i = 0; i < 50; i++) {
      d.message("b" + i, "b", "u", "b" + i, now.minusSeconds(1000 - i));
    }
    // deleted messages are neither shown nor counted against the cap
    for (int i = 0; i < 5; i++) {
      d.message(new JsonObject().put("id", "del" + i).put("room", "b").put("sender", "u")
          .put("text", "gone").put("deleted", true).put("createdAt", now.minusSeconds(10 - i).toString()));
    }
    admin.load(d.json());
    String token = admin.tokens(d.tenant(), "u").getString("sessionToken");
    List<String> roomA = texts(http, token, 1);
    assertEquals(50, roomA.size());
    assertEquals("a20", roomA.get(0));
    assertEquals("a69", roomA.get(49));
    assertEquals(50, texts(http, token, 2).size());
  }

  @Test
  void messagesWithTheSameCreatedAtKeepInsertionOrderAcrossReimports() {
    Instant t = now.minusSeconds(100);
    Docs d = Docs.newTenant("ties").user("u", "u").room("r", 1, "u")
        .message("zz", "r", "u", "first", t)
        .message("aa", "r", "u", "second", t)
        .message("mm", "r", "u", "third", t)
        .message("before", "r", "u", "earlier", t.minusMillis(1));
    admin.load(d.json());
    String token = admin.tokens(d.tenant(), "u").getString("sessionToken");
    assertEquals(List.of("earlier", "first", "second", "third"), texts(http, token, 1));

    // an upsert of the first message keeps its place in insertion order
    admin.load(Docs.newTenant("unused").json());
    JsonObject again = d.json();
    again.put("messages", new JsonArray().add(again.getJsonArray("messages").getJsonObject(0)));
    admin.load(again);
    assertEquals(List.of("earlier", "first", "second", "third"), texts(http, token, 1));
  }

  @Test
  void zeroTurnsTheCapAndTheExpiryOff() {
    try (TestGateway unlimited = TestGateway.start(c -> c.withMirage(new GatewayConfig.Mirage(0, 0)));
        Http direct = new Http(unlimited.port())) {
      Docs d = Docs.newTenant("nolimit").user("u", "u").room("r", 1, "u");
      for (int i = 0; i < 120; i++) {
        d.message("m" + i, "r", "u", "m" + i, now.minusSeconds(200_000 - i));
      }
      new Admin(direct).load(d.json());
      String token = new Admin(direct).tokens(d.tenant(), "u").getString("sessionToken");
      assertEquals(120, texts(direct, token, 1).size());
      assertEquals(0, texts(http, token, 1).size(), "the default gateway applies the 15 h expiry");
    }
  }
}
