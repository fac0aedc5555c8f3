package io.chatgw.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration of issue 9 (README, Configuration): {@code database.tenantShare} defaults to
 * half the primary's read slots ({@code poolSize} × {@code pipelining}), at least 1; {@code database.tenantQueue} to 512; the default rate limit
 * {@code rateLimit.perSecond}/{@code burst} is off (0) unless both are set.
 */
class FairSharingConfigTest {

  @Test
  void theShippedDefaults() {
    GatewayConfig config = ConfigLoader.load(Path.of("conf/config.json"), Map.of());
    assertEquals(1, config.database().pipelining(), "off: pipelined at 2, p99 at 64 connections went past 50 ms");
    assertEquals(1, database("{}").pipelining());
    assertEquals(4, config.database().tenantShare(), "half of the pool of 8");
    assertEquals(7, config.database().busyLimit(), "one connection of 8 kept free");
    GatewayConfig.Database pipelined = database("{\"pipelining\":2}");
    assertEquals(16, pipelined.readSlots(), "8 connections, 2 reads in flight on each");
    assertEquals(8, pipelined.tenantShare(), "half of the 16 read slots");
    assertEquals(32, pipelined.busyLimit(), "the slots busy and as many queued in the lanes");
    assertEquals(512, config.database().tenantQueue());
    assertEquals(512, database("{}").tenantQueue(), "the same default without the key");
    assertEquals(new GatewayConfig.RateLimiting(0, 0, 10_000), config.rateLimit());
  }

  @Test
  void theShareIsHalfTheReadSlotsAtLeastOneUnlessGiven() {
    assertEquals(1, database("{\"poolSize\":1,\"pipelining\":1}").tenantShare());
    assertEquals(1, database("{\"poolSize\":1,\"pipelining\":2}").tenantShare());
    assertEquals(1, database("{\"poolSize\":3,\"tenantShare\":0}").tenantShare());
    assertEquals(3, database("{\"poolSize\":3,\"pipelining\":2,\"tenantShare\":0}").tenantShare());
    assertEquals(10, database("{\"poolSize\":20}").tenantShare());
    assertEquals(20, database("{\"poolSize\":20,\"pipelining\":2}").tenantShare());
    assertEquals(30, database("{\"poolSize\":20,\"pipelining\":3}").tenantShare());
    assertEquals(3, database("{\"poolSize\":20,\"tenantShare\":3}").tenantShare());
    assertEquals(0, database("{\"tenantQueue\":0}").tenantQueue());
    assertThrows(IllegalArgumentException.class, () -> database("{\"tenantShare\":-1}"));
    assertThrows(IllegalArgumentException.class, () -> database("{\"pipelining\":0}"), "at least one");
    assertThrows(IllegalArgumentException.class, () -> database("{\"pipelining\":257}"), "at most 256");
    assertThrows(IllegalArgumentException.class, () -> database("{\"tenantQueue\":-1}"));
  }

  @Test
  void theDefaultRateLimitIsBothOrNeither() {
    assertEquals(new GatewayConfig.RateLimiting(5, 10, 10_000), rate("{\"perSecond\":5,\"burst\":10}"));
    assertEquals(new GatewayConfig.RateLimiting(0, 0, 50), rate("{\"maxTenants\":50}"));
    assertThrows(IllegalArgumentException.class, () -> rate("{\"perSecond\":5}"));
    assertThrows(IllegalArgumentException.class, () -> rate("{\"burst\":5}"));
    assertThrows(IllegalArgumentException.class, () -> rate("{\"perSecond\":-1,\"burst\":-1}"));
    assertThrows(IllegalArgumentException.class, () -> rate("{\"perSecond\":1,\"burst\":1,\"maxTenants\":0}"));
  }

  private static GatewayConfig.Database database(String json) {
    return ConfigLoader.fromJson(new JsonObject().put("database", new JsonObject(json)), Map.of()).database();
  }

  private static GatewayConfig.RateLimiting rate(String json) {
    return ConfigLoader.fromJson(new JsonObject().put("rateLimit", new JsonObject(json)), Map.of()).rateLimit();
  }
}
