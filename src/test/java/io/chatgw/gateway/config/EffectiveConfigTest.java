package io.chatgw.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The effective configuration is logged once at start, with every secret masked. */
class EffectiveConfigTest {

  static final String ADMIN_TOKEN = "admin-token-that-is-long-enough-0123456789";
  static final String JWT_SECRET = "jwt-secret-that-is-long-enough-0123456789";
  static final String PEM = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";

  @Test
  void theLineShowsEveryKeyAndMasksSecrets() {
    GatewayConfig config = ConfigLoader.fromJson(new JsonObject("{\"database\": {\"poolSize\": 4}}"), Map.of(
        ConfigLoader.ENV_DATABASE_URL, "postgresql://gw:hunter2-password@db.internal:5432/chat",
        ConfigLoader.ENV_ADMIN_TOKEN, ADMIN_TOKEN,
        ConfigLoader.ENV_JWT_SECRET, JWT_SECRET,
        ConfigLoader.ENV_JWT_PUBLIC_KEY, PEM));
    String line = EffectiveConfig.describe(config);
    assertTrue(line.startsWith("http.port=8080 http.maxInitialLineLength=8192 "), line);
    assertTrue(line.contains(" database.url=postgresql://gw:***@db.internal:5432/chat database.poolSize=4 "), line);
    assertTrue(line.contains(" adminToken=*** jwt.secret=*** jwt.publicKeyPem=set jwt.leewaySeconds=30 "), line);
    assertTrue(line.contains(" mirage.ttlSeconds=54000 mirage.maxMessages=100 "), line);
    assertTrue(line.contains(" imports.maxDocumentBytes=67108864 "), line);
    assertTrue(line.endsWith(" pages.responseBudgetBytes=50331648 instances=0 rateLimit.perSecond=0 rateLimit.burst=0 rateLimit.maxTenants=10000 directory.userBytes=16777216 directory.roomBytes=4194304 directory.memberBytes=8388608 directory.cutoffEntries=10000 directory.maxAgeSeconds=3600 feed.heartbeatSeconds=15 feed.maxSubscribers=20000 feed.maxPerTenant=20000 feed.maxRooms=100 feed.pageRows=500 feed.maxQueuedBytes=262144 feed.maxFrameBytes=4096"), line);
    for (String secret : new String[] {"hunter2", ADMIN_TOKEN, JWT_SECRET, "MFkwEwYH"}) {
      assertFalse(line.contains(secret), line);
    }
  }

  @Test
  void unsetValuesSayUnset() {
    String line = EffectiveConfig.describe(ConfigLoader.fromJson(new JsonObject(), Map.of()));
    assertTrue(line.contains(" database.url=unset "), line);
    assertTrue(line.contains(" adminToken=unset jwt.secret=unset jwt.publicKeyPem=unset "), line);
  }

  @Test
  void aDatabaseUrlLosesOnlyItsPassword() {
    assertEquals("postgresql://gw:***@db:5432/chat", EffectiveConfig.withoutPassword("postgresql://gw:p@ss:w@rd@db:5432/chat"));
    assertEquals("postgresql://gw@db/chat", EffectiveConfig.withoutPassword("postgresql://gw@db/chat"));
    assertEquals("postgresql://db:5432/chat?user=gw&password=***&sslmode=require",
        EffectiveConfig.withoutPassword("postgresql://db:5432/chat?user=gw&password=s3cret&sslmode=require"));
  }

  @Test
  void theConfigurationsOwnToStringMasksSecretsToo() {
    GatewayConfig config = ConfigLoader.fromJson(new JsonObject(), Map.of(
        ConfigLoader.ENV_DATABASE_URL, "postgresql://gw:hunter2-password@db.internal:5432/chat",
        ConfigLoader.ENV_ADMIN_TOKEN, ADMIN_TOKEN,
        ConfigLoader.ENV_JWT_SECRET, JWT_SECRET));
    for (String text : new String[] {config.toString(), config.database().toString(), config.jwt().toString()}) {
      for (String secret : new String[] {"hunter2", ADMIN_TOKEN, JWT_SECRET}) {
        assertFalse(text.contains(secret), text);
      }
    }
  }
}
