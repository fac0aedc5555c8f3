package io.chatgw.gateway.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code conf/config.json} (or the copy inside the jar), then lets environment variables
 * override it. Runs once, before Vert.x starts, so its file read blocks no event loop.
 */
public final class ConfigLoader {

  public static final String ENV_HTTP_PORT = "HTTP_PORT";
  public static final String ENV_DATABASE_URL = "DATABASE_URL";
  public static final String ENV_ADMIN_TOKEN = "GATEWAY_ADMIN_TOKEN";
  public static final String ENV_JWT_SECRET = "JWT_SECRET";
  public static final String ENV_JWT_PUBLIC_KEY = "JWT_PUBLIC_KEY";

  private ConfigLoader() {}

  public static GatewayConfig load(Path file, Map<String, String> env) {
    return fromJson(readJson(file), env);
  }

  static JsonObject readJson(Path file) {
    try {
      if (file != null && Files.isRegularFile(file)) {
        return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      }
      try (InputStream in = ConfigLoader.class.getResourceAsStream("/config.json")) {
        if (in == null) {
          throw new IllegalStateException("no conf/config.json and none inside the jar");
        }
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read configuration " + file + ": " + e.getMessage(), e);
    }
  }

  public static GatewayConfig fromJson(JsonObject json, Map<String, String> env) {
    JsonObject http = json.getJsonObject("http", new JsonObject());
    JsonObject db = json.getJsonObject("database", new JsonObject());
    JsonObject admin = json.getJsonObject("admin", new JsonObject());
    JsonObject jwt = json.getJsonObject("jwt", new JsonObject());
    JsonObject auth = json.getJsonObject("auth", new JsonObject());
    JsonObject mirage = json.getJsonObject("mirage", new JsonObject());

    int port = env.containsKey(ENV_HTTP_PORT)
        ? parsePort(env.get(ENV_HTTP_PORT))
        : http.getInteger("port", 8080);
    int poolSize = positive(db.getInteger("poolSize", 8), "database.poolSize");
    GatewayConfig config = new GatewayConfig(
        new GatewayConfig.Http(port,
            positive(http.getInteger("maxInitialLineLength", 8192), "http.maxInitialLineLength"),
            positive(http.getInteger("maxHeaderSize", 16384), "http.maxHeaderSize"),
            positive(http.getInteger("idleTimeoutSeconds", 30), "http.idleTimeoutSeconds"),
            nonNegative(http.getInteger("shutdownGraceSeconds", 10), "http.shutdownGraceSeconds")),
        new GatewayConfig.Database(
            text(env.get(ENV_DATABASE_URL)).or(() -> text(db.getString("url"))),
            poolSize,
            positive(db.getInteger("maxWaitQueueSize", 512), "database.maxWaitQueueSize"),
            positive(db.getLong("deadlineMillis", 3000L).intValue(), "database.deadlineMillis"),
            tenantShare(nonNegative(db.getInteger("tenantShare", 0), "database.tenantShare"), poolSize),
            nonNegative(db.getInteger("tenantQueue", 512), "database.tenantQueue")),
        text(env.get(ENV_ADMIN_TOKEN)).or(() -> text(admin.getString("token"))),
        new GatewayConfig.Jwt(
            text(env.get(ENV_JWT_SECRET)).or(() -> text(jwt.getString("secret"))),
            text(env.get(ENV_JWT_PUBLIC_KEY)).or(() -> text(jwt.getString("publicKey"))),
            nonNegative(jwt.getInteger("leewaySeconds", 30), "jwt.leewaySeconds")),
        new GatewayConfig.Auth(
            nonNegative(auth.getInteger("cacheSeconds", 30), "auth.cacheSeconds"),
            nonNegative(auth.getLong("cacheSize", 100_000L).intValue(), "auth.cacheSize")),
        new GatewayConfig.Mirage(
            nonNegative(mirage.getLong("ttlSeconds", 54_000L).intValue(), "mirage.ttlSeconds"),
            nonNegative(mirage.getInteger("maxMessages", 100), "mirage.maxMessages")),
        nonNegative(json.getJsonObject("verticles", new JsonObject()).getInteger("instances", 0),
            "verticles.instances"),
        rateLimiting(json.getJsonObject("rateLimit", new JsonObject())));
    validate(config);
    return config;
  }

  static void validate(GatewayConfig config) {
    config.jwt().secret().ifPresent(secret -> {
      if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
        throw new IllegalArgumentException(
            "JWT_SECRET is shorter than 32 bytes: an HS256 secret that short can be brute-forced; "
                + "use at least 32 random bytes (e.g. `openssl rand -base64 48`)");
      }
    });
  }

  /** {@code 0} (the default) is half the pool, at least 1. */
  private static int tenantShare(int configured, int poolSize) {
    return configured > 0 ? configured : Math.max(1, poolSize / 2);
  }

  /** The default tenant rate limit: perSecond and burst both 0 (off) or both positive. */
  private static GatewayConfig.RateLimiting rateLimiting(JsonObject rate) {
    int perSecond = nonNegative(rate.getInteger("perSecond", 0), "rateLimit.perSecond");
    int burst = nonNegative(rate.getInteger("burst", 0), "rateLimit.burst");
    if ((perSecond == 0) != (burst == 0)) {
      throw new IllegalArgumentException("rateLimit.perSecond and rateLimit.burst must be both 0 (off) "
          + "or both > 0, got " + perSecond + " and " + burst);
    }
    return new GatewayConfig.RateLimiting(perSecond, burst,
        positive(rate.getInteger("maxTenants", GatewayConfig.RateLimiting.OFF.maxTenants()), "rateLimit.maxTenants"));
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HTTP_PORT must be a port number, got '" + value + "'");
    }
  }

  private static int positive(int value, String key) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }
    return value;
  }

  private static int nonNegative(int value, String key) {
    if (value < 0) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + value);
    }
    return value;
  }
}
