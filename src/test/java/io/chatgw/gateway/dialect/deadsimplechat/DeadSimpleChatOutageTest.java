package io.chatgw.gateway.dialect.deadsimplechat;

import static io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient.assertError;
import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.FaultyDatabase;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * dialects.md, common rules: a database outage answers 503 in the dialect's error format and the
 * gateway recovers by itself. The outage is a {@link FaultyDatabase} cut, so nothing else in the
 * run notices.
 */
class DeadSimpleChatOutageTest {

  static final String UNAVAILABLE = "Service unavailable, please retry";

  @Test
  void aDatabaseOutageIs503InTheDialectsShapeAndTheGatewayRecoversByItself() {
    try (FaultyDatabase database = new FaultyDatabase();
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(database.url()));
        Http http = new Http(gateway.port())) {
      Admin admin = new Admin(http);
      Docs data = Docs.newTenant("dsc-outage").user("u", "u").room("r", 1, "u")
          .message("m", "r", "u", "hi", Instant.parse("2024-01-01T00:00:00Z"));
      admin.load(data.json());
      String usedKey = admin.newKey(data.tenant()).json().getString("apiKey");
      String freshKey = admin.newKey(data.tenant()).json().getString("apiKey");
      DeadSimpleChatClient dsc = new DeadSimpleChatClient(http);
      Http.Response before = dsc.get("r", "auth=" + usedKey);
      assertEquals(200, before.status(), before.body());

      database.cut();
      // the page query fails (the key itself is still in the gateway's cache)
      assertError(dsc.get("r", "auth=" + usedKey), 503, UNAVAILABLE);
      // the key lookup fails
      assertError(dsc.get("r", "auth=" + freshKey), 503, UNAVAILABLE);
      // a request without a key needs no database
      assertError(dsc.get("r", null), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);

      database.restore();
      Http.Response after = eventually(Duration.ofSeconds(10), "DeadSimpleChat serves the room again after the outage",
          () -> dsc.get("r", "auth=" + freshKey), r -> r.status() == 200);
      assertEquals(before.body(), after.body());
    }
  }
}
