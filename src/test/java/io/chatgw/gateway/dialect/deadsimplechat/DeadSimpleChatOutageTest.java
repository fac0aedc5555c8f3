package io.chatgw.gateway.dialect.deadsimplechat;

import static io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatCalls.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.store.LocalPostgres;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * dialects.md, common rules: a database outage answers 503 in the dialect's error format and the
 * gateway recovers by itself. Runs against a PostgreSQL of its own, which it stops and starts.
 */
class DeadSimpleChatOutageTest {

  static final String UNAVAILABLE = "Service unavailable, please retry";

  @Test
  void aDatabaseOutageIs503InTheDialectsShapeAndTheGatewayRecoversByItself() throws InterruptedException {
    try (LocalPostgres pg = LocalPostgres.start();
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(pg.url()));
        Http http = new Http(gateway.port())) {
      Admin admin = new Admin(http);
      Docs data = Docs.newTenant("dsc-outage").user("u", "u").room("r", 1, "u")
          .message("m", "r", "u", "hi", Instant.parse("2024-01-01T00:00:00Z"));
      admin.load(data.json());
      String usedKey = admin.newKey(data.tenant()).json().getString("apiKey");
      String freshKey = admin.newKey(data.tenant()).json().getString("apiKey");
      DeadSimpleChatCalls dsc = new DeadSimpleChatCalls(http);
      Http.Response before = dsc.get("r", "auth=" + usedKey);
      assertEquals(200, before.status(), before.body());

      pg.stopServer();
      // the page query fails (the key itself is still in the gateway's cache)
      assertError(dsc.get("r", "auth=" + usedKey), 503, UNAVAILABLE);
      // the key lookup fails
      assertError(dsc.get("r", "auth=" + freshKey), 503, UNAVAILABLE);
      // a request without a key needs no database
      assertError(dsc.get("r", null), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);

      pg.startServer();
      Http.Response after = dsc.get("r", "auth=" + freshKey);
      for (int attempt = 0; after.status() != 200 && attempt < 120; attempt++) {
        Thread.sleep(500);
        after = dsc.get("r", "auth=" + freshKey);
      }
      assertEquals(200, after.status(), after.body());
      assertEquals(before.body(), after.body());
    }
  }
}
