package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.PageLimits;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, finding 4: a page's rows are bounded in memory as they arrive (pages.maxPageBytes). A
 * page of large messages over the bound is refused in the dialect's format, before it is held
 * whole or rendered; smaller pages of the same room are served. (A DeadSimpleChat page of limit
 * 300 of 100 KB messages used to exhaust direct memory and stall every tenant.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageMemoryTest {

  static final long MAX_PAGE_BYTES = 256 * 1024;

  TestGateway gateway;
  Http http;
  String key;
  Docs docs;

  @BeforeAll
  void start() {
    gateway = TestGateway.start(c -> c.withPages(new PageLimits(200, 1, 16, MAX_PAGE_BYTES, 48L << 20)));
    http = new Http(gateway.port());
    Admin admin = new Admin(http);
    docs = Docs.newTenant("pagemem").user("u1", "a").room("r", 1, "u1");
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 40; i++) {
      docs.message("m" + i, "r", "u1", "x".repeat(16 * 1024), t.plusSeconds(i));
    }
    admin.load(docs.json());
    key = admin.newKey(docs.tenant()).json().getString("apiKey");
  }

  @AfterAll
  void stop() {
    http.close();
    gateway.close();
  }

  Http.Response deadSimpleChat(int limit) {
    return http.get("/consumer/api/v1/chatRoom/r/messages?auth=" + key + "&limit=" + limit);
  }

  @Test
  void aPageWithinTheBoundIsServed() {
    Http.Response response = deadSimpleChat(5);
    assertEquals(200, response.status(), response.body());
    assertEquals(5, response.json().getJsonArray("messages").size());
  }

  @Test
  void aPageOverTheBoundIsA400InTheDialectsFormat() {
    // 40 messages of 16 KiB text are ~1.3 MiB as UTF-16 strings: over 256 KiB
    Http.Response response = deadSimpleChat(40);
    assertEquals(400, response.status(), response.body());
    JsonObject body = response.json();
    assertTrue(body.getString("message").startsWith("the page would be larger than 262144 bytes"), body.encode());
    assertEquals(200, deadSimpleChat(5).status(), "the room is still served");
  }
}
