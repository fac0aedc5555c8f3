package io.chatgw.gateway.config;

import static io.chatgw.gateway.config.ConfigReader.Range.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader behind ConfigLoader: typed getters with defaults, full dotted names, unread keys rejected. */
class ConfigReaderTest {

  static ConfigReader reader(String json) {
    return ConfigReader.of(new JsonObject(json));
  }

  static String failure(Runnable read) {
    return assertThrows(IllegalArgumentException.class, read::run).getMessage();
  }

  @Test
  void gettersReturnTheValueOrTheDefaultWhenMissingOrNull() {
    ConfigReader admin = reader("{\"admin\": {\"max\": 7, \"big\": 5000000000, \"on\": true, \"host\": \"h\", "
        + "\"none\": null, \"blank\": \"  \"}}").section("admin");
    assertEquals(7, admin.integer("max", 1));
    assertEquals(1, admin.integer("absent", 1));
    assertEquals(3, admin.integer("none", 3));
    assertEquals(5_000_000_000L, admin.longValue("big", 0));
    assertTrue(admin.bool("on", false));
    assertFalse(admin.bool("none", false));
    assertEquals("h", admin.string("host", "0.0.0.0"));
    assertEquals("0.0.0.0", admin.string("none", "0.0.0.0"));
    assertEquals(Optional.empty(), admin.text("blank"));
    assertEquals("admin.max", admin.name("max"));
  }

  @Test
  void aWrongTypeOrRangeNamesTheFullKey() {
    ConfigReader limits = reader("{\"a\": {\"b\": {\"n\": 2.0, \"flag\": \"yes\", \"zero\": 0, \"big\": 5000000000}}}")
        .section("a").section("b");
    assertEquals("a.b.n must be an integer, got 2.0", failure(() -> limits.integer("n", 1)));
    assertEquals("a.b.flag must be true or false, got a string", failure(() -> limits.bool("flag", true)));
    assertEquals("a.b.zero must be > 0, got 0", failure(() -> limits.longValue("zero", 1, POSITIVE)));
    assertEquals("a.b.big must be <= 2147483647, got 5000000000", failure(() -> limits.integer("big", 1)));
  }

  @Test
  void keysNoGetterAskedForAreRejectedAtTheEnd() {
    ConfigReader root = reader("{\"http\": {\"port\": 1, \"hots\": \"x\"}, \"admin\": {}}");
    ConfigReader http = root.section("http");
    http.integer("port", 8080);
    root.section("admin");
    assertEquals("unknown configuration key http.hots (http has: port)", failure(root::rejectUnknownKeys));
    http.string("hots", null);
    root.rejectUnknownKeys();
  }
}
