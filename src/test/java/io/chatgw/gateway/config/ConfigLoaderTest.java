package io.chatgw.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.Main;
import io.chatgw.gateway.auth.SecretTokens;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A configuration mistake stops start-up with a message that names the key (or the file):
 * unknown keys, wrong JSON types, values out of range, short secrets, a missing --config file.
 */
class ConfigLoaderTest {

  static final Map<String, String> NO_ENV = Map.of();

  @TempDir
  Path dir;

  static String failure(String json) {
    return failure(json, NO_ENV);
  }

  static String failure(String json, Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> ConfigLoader.fromJson(new JsonObject(json), env))
        .getMessage();
  }

  @Test
  void theShippedConfigFileHasOnlyKnownKeys() {
    GatewayConfig config = ConfigLoader.load(ConfigLoader.DEFAULT_FILE, NO_ENV);
    assertEquals(8080, config.http().port());
    assertEquals(Optional.empty(), config.database().url(), "\"url\": null means the default");
  }

  @Test
  void aMissingConfigFileStopsStartUpNamingTheFile() {
    Path missing = dir.resolve("nope.json");
    String message = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(missing, NO_ENV))
        .getMessage();
    assertEquals("configuration file " + missing + " does not exist", message);
    assertEquals(1, new CommandLine(new Main()).execute("--config", missing.toString()));
  }

  @Test
  void aDirectoryOrBrokenJsonAsConfigFileStopsStartUpNamingTheFile() throws IOException {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(dir, NO_ENV))
        .getMessage().contains(dir + " is not a regular file"));
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"http\": ");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(broken, NO_ENV))
        .getMessage().startsWith("configuration file " + broken + " is not a JSON object"));
  }

  @Test
  void withoutConfigTheDefaultFileIsReadWhenItExistsElseTheJarCopy() throws IOException {
    Path local = Files.writeString(dir.resolve("config.json"), "{\"http\": {\"port\": 9999}}");
    assertEquals(9999, ConfigLoader.readJson(null, local).getJsonObject("http").getInteger("port"));
    JsonObject jarCopy = ConfigLoader.readJson(null, dir.resolve("absent.json"));
    assertEquals(new JsonObject(Files.readString(ConfigLoader.DEFAULT_FILE)), jarCopy);
  }

  @Test
  void aFileGivenWithConfigIsReadAndCheckedLikeTheDefault() throws IOException {
    Path file = Files.writeString(dir.resolve("mine.json"), "{\"http\": {\"prot\": 8080}}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file, NO_ENV))
        .getMessage().contains("http.prot"));
    assertEquals(1, new CommandLine(new Main()).execute("--config", file.toString()));
  }

  @Test
  void anUnknownTopLevelKeyStopsStartUp() {
    assertEquals("unknown configuration key databse (the top level has: http, database, admin, jwt, auth, "
        + "mirage, verticles, imports, pages, directory, feed, rateLimit)", failure("{\"databse\": {\"url\": \"postgresql://x/y\"}}"));
  }

  @Test
  void anUnknownNestedKeyIsNamedWithItsFullDottedKey() {
    String message = failure("{\"http\": {\"prot\": 8080}, \"auth\": {\"cacheSecs\": 5}}");
    assertTrue(message.startsWith("unknown configuration keys http.prot (http has: port, "), message);
    assertTrue(message.contains("; auth.cacheSecs (auth has: cacheSeconds, cacheSize, unknownCacheSeconds, "
        + "maxLookups, lookupQueue)"), message);
  }

  @Test
  void aWrongJsonTypeNamesTheKeyAndTheExpectedType() {
    assertEquals("database.poolSize must be an integer, got a string", failure("{\"database\": {\"poolSize\": \"8\"}}"));
    assertEquals("http must be a JSON object, got 5", failure("{\"http\": 5}"));
    assertEquals("jwt.leewaySeconds must be an integer, got 1.5", failure("{\"jwt\": {\"leewaySeconds\": 1.5}}"));
    assertEquals("admin.token must be a string, got an array", failure("{\"admin\": {\"token\": [\"x\"]}}"));
    assertEquals("verticles.instances must be an integer, got true", failure("{\"verticles\": {\"instances\": true}}"));
  }

  @Test
  void aValueOutOfRangeNamesTheKey() {
    assertEquals("database.poolSize must be > 0, got 0", failure("{\"database\": {\"poolSize\": 0}}"));
    assertEquals("jwt.leewaySeconds must be >= 0, got -1", failure("{\"jwt\": {\"leewaySeconds\": -1}}"));
    assertEquals("http.port must be between 0 and 65535, got 70000", failure("{\"http\": {\"port\": 70000}}"));
    assertEquals("database.deadlineMillis must be between 1 and 2147483647, got 3000000000",
        failure("{\"database\": {\"deadlineMillis\": 3000000000}}"));
  }

  @Test
  void theJwtCacheHoldsTenThousandByDefaultAndZeroTurnsItOff() {
    assertEquals(10_000, ConfigLoader.fromJson(new JsonObject(), NO_ENV).jwt().cacheSize());
    assertEquals(10_000, ConfigLoader.load(ConfigLoader.DEFAULT_FILE, NO_ENV).jwt().cacheSize());
    assertEquals(0, ConfigLoader.fromJson(new JsonObject("{\"jwt\": {\"cacheSize\": 0}}"), NO_ENV).jwt().cacheSize());
    assertEquals("jwt.cacheSize must be >= 0, got -1", failure("{\"jwt\": {\"cacheSize\": -1}}"));
    assertEquals("jwt.cacheSize must be an integer, got a string", failure("{\"jwt\": {\"cacheSize\": \"10\"}}"));
  }

  @Test
  void maxInFlightIsDerivedFromThePoolUnlessGiven() {
    int perConnection = ConfigLoader.IN_FLIGHT_PER_CONNECTION;
    assertEquals(8 * perConnection, ConfigLoader.fromJson(new JsonObject(), NO_ENV).http().maxInFlight());
    assertEquals(8 * perConnection, ConfigLoader.load(ConfigLoader.DEFAULT_FILE, NO_ENV).http().maxInFlight());
    assertEquals(20 * perConnection, ConfigLoader.fromJson(new JsonObject("{\"database\": {\"poolSize\": 20}}"),
        NO_ENV).http().maxInFlight());
    assertEquals(7, ConfigLoader.fromJson(new JsonObject("{\"http\": {\"maxInFlight\": 7}}"), NO_ENV)
        .http().maxInFlight());
    assertEquals("http.maxInFlight must be >= 0, got -1", failure("{\"http\": {\"maxInFlight\": -1}}"));
  }

  @Test
  void nullMeansTheDefault() {
    GatewayConfig config = ConfigLoader.fromJson(new JsonObject(
        "{\"http\": null, \"database\": {\"url\": null, \"poolSize\": null}}"), NO_ENV);
    assertEquals(8080, config.http().port());
    assertEquals(8, config.database().poolSize());
  }

  @Test
  void aKeyTheEnvironmentOverridesIsStillKnownAndTypeChecked() {
    GatewayConfig config = ConfigLoader.fromJson(new JsonObject("{\"http\": {\"port\": 1}, \"database\": "
        + "{\"url\": \"postgresql://file/db\"}}"), Map.of(ConfigLoader.ENV_HTTP_PORT, "2",
        ConfigLoader.ENV_DATABASE_URL, "postgresql://env/db"));
    assertEquals(2, config.http().port());
    assertEquals(Optional.of("postgresql://env/db"), config.database().url());
    assertEquals("admin.token must be a string, got 5",
        failure("{\"admin\": {\"token\": 5}}", Map.of(ConfigLoader.ENV_ADMIN_TOKEN, "x".repeat(40))));
  }

  @Test
  void anAdminTokenShorterThan32BytesStopsStartUp() {
    String message = failure("{}", Map.of(ConfigLoader.ENV_ADMIN_TOKEN, "x".repeat(31)));
    assertTrue(message.startsWith("GATEWAY_ADMIN_TOKEN is shorter than 32 bytes"), message);
    String fromFile = failure("{\"admin\": {\"token\": \"short-admin-token\"}}");
    assertTrue(fromFile.startsWith("admin.token is shorter than 32 bytes"), fromFile);
    GatewayConfig config = ConfigLoader.fromJson(new JsonObject(), Map.of(ConfigLoader.ENV_ADMIN_TOKEN, "x".repeat(32)));
    assertEquals(Optional.of("x".repeat(32)), config.adminToken());
  }

  @Test
  void aJwtSecretShorterThan32BytesStopsStartUp() {
    String message = failure("{}", Map.of(ConfigLoader.ENV_JWT_SECRET, "é".repeat(15)));
    assertTrue(message.startsWith("JWT_SECRET is shorter than 32 bytes"), message);
    String fromFile = failure("{\"jwt\": {\"secret\": \"0123456789\"}}");
    assertTrue(fromFile.startsWith("jwt.secret is shorter than 32 bytes"), fromFile);
  }

  @Test
  void theDemoModesGeneratedAdminTokenIsLongEnough() {
    String token = SecretTokens.newToken();
    assertTrue(token.length() >= 32, token);
    GatewayConfig config = ConfigLoader.fromJson(new JsonObject(), Map.of(ConfigLoader.ENV_ADMIN_TOKEN, token));
    assertEquals(Optional.of(token), config.adminToken());
  }
}
