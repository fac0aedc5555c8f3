package io.chatgw.gateway.dialect.imkit;

import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.store.LocalPostgres;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dialects.md common rules: a database outage answers 503 in IMKit's error format and the gateway
 * recovers by itself. Runs on a PostgreSQL of its own, so that the shared one is never stopped.
 */
class ImkitOutageTest {

  @Test
  void anOutageIs503InTheDialectsShapeAndRecovers() throws InterruptedException {
    try (LocalPostgres pg = LocalPostgres.start();
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(pg.url()));
        Http http = new Http(gateway.port())) {
      Docs docs = Docs.newTenant("imkit-outage").user("u", "u").room("room", 1, "u")
          .message("m1", "room", "u", "hi", Instant.parse("2024-01-01T00:00:00Z"));
      ImkitClient client = ImkitClient.load(http, docs, "u");
      assertEquals(200, client.get("room", null).status(), "the client key is now cached");

      pg.stopServer();
      Http.Response down = client.get("room", null);
      assertError(down, 503, "Service Unavailable", "SERVICE_UNAVAILABLE",
          "The service is temporarily unavailable, please retry");

      pg.startServer();
      Http.Response back = client.get("room", null);
      for (int attempt = 0; attempt < 120 && back.status() != 200; attempt++) {
        Thread.sleep(500);
        back = client.get("room", null);
      }
      assertEquals(200, back.status(), back.body());
      assertEquals(List.of("m1"), ImkitClient.ids(back));
    }
  }
}
