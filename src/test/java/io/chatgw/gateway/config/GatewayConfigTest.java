package io.chatgw.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each {@code with} method replaces its one component and keeps every other. */
class GatewayConfigTest {

  private final GatewayConfig base = ConfigLoader.load(null, Map.of());

  @Test
  void eachWithReplacesOnlyItsComponent() {
    String token = "t".repeat(32);
    GatewayConfig.Mirage mirage = new GatewayConfig.Mirage(1, 2);
    GatewayConfig.RateLimiting rate = new GatewayConfig.RateLimiting(1, 2, 3);
    assertEquals(copy(Optional.of(token), base.jwt(), base.mirage(), base.rateLimit()), base.withAdminToken(token));
    assertEquals(copy(base.adminToken(), base.jwt(), mirage, base.rateLimit()), base.withMirage(mirage));
    assertEquals(copy(base.adminToken(), base.jwt(), base.mirage(), rate), base.withRateLimit(rate));
    assertEquals(copy(base.adminToken(), new GatewayConfig.Jwt(Optional.of(token), base.jwt().publicKeyPem(),
        base.jwt().leewaySeconds(), base.jwt().cacheSize()), base.mirage(), base.rateLimit()), base.withJwtSecret(token));
    GatewayConfig.Http http = new GatewayConfig.Http(1, 2, 3, 4, 5, "h", true, 6);
    assertEquals(new GatewayConfig(http, base.database(), base.adminToken(), base.jwt(), base.auth(), base.mirage(),
        base.imports(), base.pages(), base.instances(), base.rateLimit()), base.withHttp(http));
    assertEquals(Optional.of("postgresql://u@h/d"), base.withDatabaseUrl("postgresql://u@h/d").database().url());
    assertEquals(base.database().poolSize(), base.withDatabaseUrl("postgresql://u@h/d").database().poolSize());
  }

  private GatewayConfig copy(Optional<String> adminToken, GatewayConfig.Jwt jwt, GatewayConfig.Mirage mirage,
      GatewayConfig.RateLimiting rate) {
    return new GatewayConfig(base.http(), base.database(), adminToken, jwt, base.auth(), mirage, base.imports(),
        base.pages(), base.instances(), rate);
  }
}
