package io.chatgw.gateway.config;

import static io.chatgw.gateway.config.ConfigLoaderTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code http} keys about browsers and proxies in front (README, Configuration). */
class ProxySettingsTest {

  static GatewayConfig.Http http(String json) {
    return ConfigLoader.fromJson(new JsonObject(json), Map.of()).http();
  }

  @Test
  void theShippedDefaults() {
    GatewayConfig.Http http = ConfigLoader.load(ConfigLoader.DEFAULT_FILE, Map.of()).http();
    assertEquals(List.of(), http.corsOrigins(), "no CORS unless origins are named");
    assertEquals(600, http.corsMaxAgeSeconds());
    assertEquals(http, http("{}"), "the same defaults without the keys");
  }

  @Test
  void corsOriginsAreOriginsInLowerCase() {
    assertEquals(List.of("https://chat.example.com", "http://localhost:3000", "http://[::1]:8081"),
        http("{\"http\": {\"corsOrigins\": [\"https://Chat.Example.com\", \"http://localhost:3000\", "
            + "\"http://[::1]:8081\"]}}").corsOrigins());
    for (String bad : List.of("*", "https://chat.example.com/", "chat.example.com", "ftp://x", "https://a b")) {
      assertEquals("http.corsOrigins must hold origins like https://chat.example.com (scheme, host, optional port;"
          + " no path, no '*'), got '" + bad + "'", failure("{\"http\": {\"corsOrigins\": [\"" + bad + "\"]}}"));
    }
    assertEquals("http.corsOrigins must be an array of strings, got a string",
        failure("{\"http\": {\"corsOrigins\": \"https://a\"}}"));
    assertEquals("http.corsOrigins must be an array of strings, got an element 5",
        failure("{\"http\": {\"corsOrigins\": [5]}}"));
  }
}
