package io.chatgw.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live feed's keys (README, docs/feed.md "Bounds"): shipped defaults, each read, each positive, no unknown one. */
class FeedConfigTest {

  @Test
  void theShippedDefaultsAreTheDocumentedOnes() {
    assertEquals(FeedLimits.DEFAULTS, ConfigLoader.load(Path.of("conf/config.json"), Map.of()).feed());
    assertEquals(new FeedLimits(15, 20_000, 20_000, 100, 500, 262_144, 4096), FeedLimits.DEFAULTS);
    assertEquals(FeedLimits.DEFAULTS, feed("{}"));
  }

  @Test
  void eachKeyIsRead() {
    assertEquals(new FeedLimits(1, 2, 3, 4, 5, 6, 7), feed("{\"heartbeatSeconds\":1,\"maxSubscribers\":2,"
        + "\"maxPerTenant\":3,\"maxRooms\":4,\"pageRows\":5,\"maxQueuedBytes\":6,\"maxFrameBytes\":7}"));
  }

  @Test
  void zeroOrAnUnknownKeyStopsStartUp() {
    for (String key : new String[] {"heartbeatSeconds", "maxSubscribers", "maxPerTenant", "maxRooms", "pageRows",
        "maxQueuedBytes", "maxFrameBytes"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> feed("{\"" + key + "\":0}"));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> feed("{\"maxRoom\":5}"));
  }

  private static FeedLimits feed(String section) {
    return ConfigLoader.fromJson(new JsonObject().put("feed", new JsonObject(section)), Map.of()).feed();
  }
}
