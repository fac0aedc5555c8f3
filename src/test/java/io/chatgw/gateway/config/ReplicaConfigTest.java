package io.chatgw.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Read replicas and the listener's own connection (docs/operations.md, "Read replicas"):
 * {@code database.replicas.*} in the file, {@code DATABASE_READ_URL} (comma-separated) and
 * {@code DATABASE_LISTEN_URL} in the environment; a URL that is not postgresql:// stops start-up,
 * and every URL loses its password in the start-up line.
 */
class ReplicaConfigTest {

  static GatewayConfig.Database database(String json, Map<String, String> env) {
    return ConfigLoader.fromJson(new JsonObject(json), env).database();
  }

  @Test
  void withoutReplicasEveryReadGoesToThePrimaryAndTheListenerToDatabaseUrl() {
    GatewayConfig.Database db = database("{}", Map.of(ConfigLoader.ENV_DATABASE_URL, "postgresql://gw@primary/chat"));
    assertEquals(List.of(), db.replicas().urls());
    assertEquals(1000, db.replicas().catchUpMillis());
    assertEquals(200, db.replicas().probeMillis());
    assertEquals(Optional.of("postgresql://gw@primary/chat"), db.listenerUrl());
  }

  @Test
  void theFileNamesReplicasAndTheirTimings() {
    GatewayConfig.Database db = database("{\"database\":{\"replicas\":{\"urls\":[\"postgresql://gw@r1/chat\","
        + "\"postgres://gw@r2/chat\"],\"catchUpMillis\":0,\"probeMillis\":50},"
        + "\"listenUrl\":\"postgresql://gw@primary:5432/chat\"}}", Map.of());
    assertEquals(List.of("postgresql://gw@r1/chat", "postgres://gw@r2/chat"), db.replicas().urls());
    assertEquals(0, db.replicas().catchUpMillis(), "0: imports do not wait for the replicas");
    assertEquals(50, db.replicas().probeMillis());
    assertEquals(Optional.of("postgresql://gw@primary:5432/chat"), db.listenerUrl());
  }

  @Test
  void databaseReadUrlIsCommaSeparatedAndReplacesTheFilesList() {
    GatewayConfig.Database db = database("{\"database\":{\"replicas\":{\"urls\":[\"postgresql://gw@old/chat\"]}}}",
        Map.of(ConfigLoader.ENV_DATABASE_READ_URL, "postgresql://gw@r1/chat, postgresql://gw@r2:6432/chat",
            ConfigLoader.ENV_DATABASE_LISTEN_URL, "postgresql://gw@direct/chat"));
    assertEquals(List.of("postgresql://gw@r1/chat", "postgresql://gw@r2:6432/chat"), db.replicas().urls());
    assertEquals(Optional.of("postgresql://gw@direct/chat"), db.listenerUrl());
  }

  @Test
  void aReplicaThatIsNotAPostgresqlUrlStopsStartUpWithoutShowingItsPassword() {
    String message = assertThrows(IllegalArgumentException.class, () -> database("{}",
        Map.of(ConfigLoader.ENV_DATABASE_READ_URL, "postgresql://gw@r1/chat,mysql://gw:s3cret@r2/chat"))).getMessage();
    assertTrue(message.startsWith("DATABASE_READ_URL must hold postgresql:// URLs"), message);
    assertTrue(message.contains("mysql://gw:***@r2/chat"), message);
    assertFalse(message.contains("s3cret"), message);
    String fromFile = assertThrows(IllegalArgumentException.class, () -> database(
        "{\"database\":{\"replicas\":{\"urls\":[\"r1:5432\"]}}}", Map.of())).getMessage();
    assertTrue(fromFile.startsWith("database.replicas.urls must hold postgresql:// URLs"), fromFile);
    assertThrows(IllegalArgumentException.class, () -> database(
        "{\"database\":{\"replicas\":{\"probeMillis\":0}}}", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> database(
        "{\"database\":{\"replicas\":{\"urlz\":[]}}}", Map.of()), "an unknown key");
  }

  @Test
  void theStartUpLineShowsEveryReplicaWithoutItsPassword() {
    String line = EffectiveConfig.describe(ConfigLoader.fromJson(new JsonObject(), Map.of(
        ConfigLoader.ENV_DATABASE_READ_URL, "postgresql://gw:pw1@r1/chat,postgresql://gw:pw2@r2/chat",
        ConfigLoader.ENV_DATABASE_LISTEN_URL, "postgresql://gw:pw3@primary/chat")));
    assertTrue(line.contains("database.replicas.urls=[postgresql://gw:***@r1/chat, postgresql://gw:***@r2/chat]"), line);
    assertTrue(line.contains("database.listenUrl=postgresql://gw:***@primary/chat"), line);
    assertFalse(line.contains("pw1") || line.contains("pw2") || line.contains("pw3"), line);
  }
}
