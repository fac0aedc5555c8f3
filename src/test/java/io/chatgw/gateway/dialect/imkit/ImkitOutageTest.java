package io.chatgw.gateway.dialect.imkit;

import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertError;
import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.FaultyDatabase;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dialects.md common rules: a database outage answers 503 in IMKit's error format and the gateway
 * recovers by itself. The outage is a {@link FaultyDatabase} cut, so nothing else in the run
 * notices.
 */
class ImkitOutageTest {

  @Test
  void anOutageIs503InTheDialectsShapeAndRecovers() {
    try (FaultyDatabase database = new FaultyDatabase();
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(database.url()));
        Http http = new Http(gateway.port())) {
      Docs docs = Docs.newTenant("imkit-outage").user("u", "u").room("room", 1, "u")
          .message("m1", "room", "u", "hi", Instant.parse("2024-01-01T00:00:00Z"));
      ImkitClient client = ImkitClient.load(http, docs, "u");
      assertEquals(200, client.get("room", null).status(), "the client key is now cached");

      database.cut();
      Http.Response down = client.get("room", null);
      assertError(down, 503, "Service Unavailable", "SERVICE_UNAVAILABLE",
          "The service is temporarily unavailable, please retry");

      database.restore();
      Http.Response back = eventually(Duration.ofSeconds(10), "IMKit serves the room again after the outage",
          () -> client.get("room", null), r -> r.status() == 200);
      assertEquals(List.of("m1"), ImkitClient.ids(back));
    }
  }
}
