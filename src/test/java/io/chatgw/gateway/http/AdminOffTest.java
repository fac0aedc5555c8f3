package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** admin-api.md: without an admin token every /admin/ path is a plain 404. */
class AdminOffTest {

  @Test
  void withoutAnAdminTokenAdminPathsAre404() {
    try (TestGateway gateway = TestGateway.start(c -> new GatewayConfig(c.http(), c.database(),
            Optional.empty(), c.jwt(), c.auth(), c.mirage(), c.imports(), c.pages(), c.instances()));
        Http http = new Http(gateway.port())) {
      Http.Response response = http.post("/admin/v1/import", io.vertx.core.buffer.Buffer.buffer("{}"),
          "Authorization", "Bearer " + TestGateway.ADMIN_TOKEN, "Content-Type", "application/json");
      assertEquals(404, response.status());
      assertEquals("{\"error\":\"not found\"}", response.body());
    }
  }
}
