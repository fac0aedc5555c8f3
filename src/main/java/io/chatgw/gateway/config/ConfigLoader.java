package io.chatgw.gateway.config;

import static io.chatgw.gateway.config.ConfigReader.Range.NON_NEGATIVE;
import static io.chatgw.gateway.config.ConfigReader.Range.PORT;
import static io.chatgw.gateway.config.ConfigReader.Range.POSITIVE;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration file, then lets environment variables override it. Every key is read
 * through a {@link ConfigReader}, so a key no line below reads stops start-up: a new key is one
 * line here (and a field of {@link GatewayConfig}). Runs once, before Vert.x starts, so its file
 * read blocks no event loop.
 */
public final class ConfigLoader {

  public static final String ENV_HTTP_PORT = "HTTP_PORT";
  /** Reads in flight on one connection: at most the client's own default limit. */
  static final ConfigReader.Range PIPELINING = new ConfigReader.Range(1, 256);
  public static final String ENV_DATABASE_URL = "DATABASE_URL";
  public static final String ENV_DATABASE_READ_URL = "DATABASE_READ_URL";
  public static final String ENV_DATABASE_LISTEN_URL = "DATABASE_LISTEN_URL";
  public static final String ENV_ADMIN_TOKEN = "GATEWAY_ADMIN_TOKEN";
  public static final String ENV_JWT_SECRET = "JWT_SECRET";
  public static final String ENV_JWT_PUBLIC_KEY = "JWT_PUBLIC_KEY";

  /** Read when no {@code --config} is given and it exists; else the copy inside the jar. */
  public static final Path DEFAULT_FILE = Path.of("conf", "config.json");
  static final int MIN_SECRET_BYTES = 32;

  private ConfigLoader() {}

  /** {@code file} is the {@code --config} option: it must exist; null means the default. */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    return fromJson(readJson(file, DEFAULT_FILE), env);
  }

  static JsonObject readJson(Path explicit, Path fallback) {
    if (explicit != null) {
      return parse(read(explicit), "configuration file " + explicit);
    }
    if (Files.isRegularFile(fallback)) {
      return parse(read(fallback), "configuration file " + fallback);
    }
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/config.json")) {
      if (in == null) {
        throw new IllegalStateException("no " + fallback + " and no config.json inside the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "config.json inside the jar");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read config.json inside the jar: " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("configuration file " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("configuration file " + file + " is not a regular file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e, e);
    }
  }

  private static JsonObject parse(String text, String source) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException(source + " is not a JSON object: " + e.getMessage(), e);
    }
  }

  public static GatewayConfig fromJson(JsonObject json, Map<String, String> env) {
    ConfigReader root = ConfigReader.of(json);
    ConfigReader http = root.section("http");
    ConfigReader db = root.section("database");
    ConfigReader admin = root.section("admin");
    ConfigReader jwt = root.section("jwt");
    ConfigReader auth = root.section("auth");
    ConfigReader mirage = root.section("mirage");
    ConfigReader verticles = root.section("verticles");
    ConfigReader imports = root.section("imports");
    ImportLimits d = ImportLimits.DEFAULTS;
    ConfigReader pages = root.section("pages");
    PageLimits p = PageLimits.DEFAULTS;
    ConfigReader directory = root.section("directory");
    DirectoryLimits c = DirectoryLimits.DEFAULTS;
    ConfigReader feed = root.section("feed");
    FeedLimits f = FeedLimits.DEFAULTS;

    int port = http.integer("port", 8080, PORT);
    int poolSize = db.integer("poolSize", 8, POSITIVE);
    int pipelining = db.integer("pipelining", GatewayConfig.Database.DEFAULT_PIPELINING, PIPELINING);
    GatewayConfig config = new GatewayConfig(
        new GatewayConfig.Http(env.containsKey(ENV_HTTP_PORT) ? parsePort(env.get(ENV_HTTP_PORT)) : port,
            http.integer("maxInitialLineLength", 8192, POSITIVE),
            http.integer("maxHeaderSize", 16384, POSITIVE),
            http.integer("idleTimeoutSeconds", 30, POSITIVE),
            http.integer("shutdownGraceSeconds", 10, NON_NEGATIVE),
            http.string("host", "0.0.0.0"),
            http.bool("h2c", false),
            ProxySettings.corsOrigins(http),
            http.integer("corsMaxAgeSeconds", 600, NON_NEGATIVE),
            http.bool("accessLog", true),
            maxInFlight(http.integer("maxInFlight", 0, NON_NEGATIVE), poolSize)),
        new GatewayConfig.Database(
            overridden(env, ENV_DATABASE_URL, db.text("url")),
            poolSize,
            db.integer("maxWaitQueueSize", 512, POSITIVE),
            db.integer("deadlineMillis", 3000, POSITIVE),
            tenantShare(db.integer("tenantShare", 0, NON_NEGATIVE), poolSize * pipelining),
            db.integer("tenantQueue", 512, NON_NEGATIVE),
            overridden(env, ENV_DATABASE_LISTEN_URL, db.text("listenUrl")),
            replicas(db.section("replicas"), env),
            pipelining),
        secret(env, ENV_ADMIN_TOKEN, admin, "token"),
        new GatewayConfig.Jwt(
            secret(env, ENV_JWT_SECRET, jwt, "secret"),
            overridden(env, ENV_JWT_PUBLIC_KEY, jwt.text("publicKey")),
            jwt.integer("leewaySeconds", 30, NON_NEGATIVE),
            jwt.longValue("cacheSize", 10_000L, NON_NEGATIVE)),
        new GatewayConfig.Auth(
            auth.integer("cacheSeconds", 30, NON_NEGATIVE),
            auth.longValue("cacheSize", 100_000L, NON_NEGATIVE),
            auth.integer("unknownCacheSeconds", 10, NON_NEGATIVE),
            auth.integer("maxLookups", 2, POSITIVE),
            auth.integer("lookupQueue", 256, NON_NEGATIVE)),
        new GatewayConfig.Mirage(
            mirage.longValue("ttlSeconds", 54_000L, NON_NEGATIVE),
            mirage.integer("maxMessages", 100, NON_NEGATIVE)),
        new ImportLimits(
            imports.longValue("maxDocumentBytes", d.maxDocumentBytes(), POSITIVE),
            imports.integer("maxConcurrent", d.maxConcurrent(), POSITIVE),
            imports.integer("maxWaiting", d.maxWaiting(), NON_NEGATIVE),
            imports.integer("batchLines", d.batchLines(), POSITIVE),
            imports.integer("batchBytes", d.batchBytes(), POSITIVE),
            imports.integer("batchItems", d.batchItems(), POSITIVE),
            imports.integer("maxEntityBytes", d.maxEntityBytes(), POSITIVE),
            imports.integer("maxTextBytes", d.maxTextBytes(), POSITIVE),
            imports.integer("maxJsonBytes", d.maxJsonBytes(), POSITIVE),
            imports.integer("maxStringBytes", d.maxStringBytes(), POSITIVE),
            imports.integer("maxItems", d.maxItems(), POSITIVE),
            imports.integer("maxMessageItems", d.maxMessageItems(), POSITIVE),
            imports.integer("maxDepth", d.maxDepth(), POSITIVE)),
        new PageLimits(
            pages.integer("largePageRows", p.largePageRows(), POSITIVE),
            pages.integer("largePagesInFlight", p.largePagesInFlight(), POSITIVE),
            pages.integer("largePageQueue", p.largePageQueue(), NON_NEGATIVE),
            pages.longValue("maxPageBytes", p.maxPageBytes(), POSITIVE),
            pages.longValue("responseBudgetBytes", p.responseBudgetBytes(), POSITIVE)),
        verticles.integer("instances", 0, NON_NEGATIVE),
        rateLimiting(root.section("rateLimit")),
        new DirectoryLimits(
            directory.longValue("userBytes", c.userBytes(), POSITIVE),
            directory.longValue("roomBytes", c.roomBytes(), POSITIVE),
            directory.longValue("memberBytes", c.memberBytes(), POSITIVE),
            directory.integer("cutoffEntries", c.cutoffEntries(), POSITIVE),
            directory.integer("maxAgeSeconds", c.maxAgeSeconds(), POSITIVE)),
        new FeedLimits(
            feed.integer("heartbeatSeconds", f.heartbeatSeconds(), POSITIVE),
            feed.integer("maxSubscribers", f.maxSubscribers(), POSITIVE),
            feed.integer("maxPerTenant", f.maxPerTenant(), POSITIVE),
            feed.integer("maxRooms", f.maxRooms(), POSITIVE),
            feed.integer("pageRows", f.pageRows(), POSITIVE),
            feed.integer("maxQueuedBytes", f.maxQueuedBytes(), POSITIVE),
            feed.integer("maxFrameBytes", f.maxFrameBytes(), POSITIVE)));
    root.rejectUnknownKeys();
    return config;
  }

  /** The environment variable when set and not blank, else the file's value (read either way). */
  private static Optional<String> overridden(Map<String, String> env, String variable, Optional<String> fromFile) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? fromFile : Optional.of(value.trim());
  }

  /** A shared secret (admin token, HS256 key): short ones can be brute-forced, so they stop start-up. */
  private static Optional<String> secret(Map<String, String> env, String variable, ConfigReader section, String key) {
    Optional<String> fromFile = section.text(key);
    boolean fromEnv = env.get(variable) != null && !env.get(variable).isBlank();
    Optional<String> value = overridden(env, variable, fromFile);
    String source = fromEnv ? variable : section.name(key);
    value.ifPresent(secret -> {
      if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(source + " is shorter than " + MIN_SECRET_BYTES
            + " bytes: a secret that short can be brute-forced; use at least 32 random bytes "
            + "(e.g. `openssl rand -base64 48`)");
      }
    });
    return value;
  }

  /** History requests admitted at once per database connection when {@code http.maxInFlight} is 0. */
  static final int IN_FLIGHT_PER_CONNECTION = 32;

  /** {@code 0} (the default) is {@link #IN_FLIGHT_PER_CONNECTION} per connection of the pool. */
  private static int maxInFlight(int configured, int poolSize) {
    return configured > 0 ? configured : (int) Math.min(Integer.MAX_VALUE, (long) IN_FLIGHT_PER_CONNECTION * poolSize);
  }

  /** {@code 0} (the default) is half the primary's read slots (connections × pipelining), at least 1. */
  private static int tenantShare(int configured, int readSlots) {
    return configured > 0 ? configured : Math.max(1, readSlots / 2);
  }

  /**
   * {@code DATABASE_READ_URL}, comma-separated, replaces {@code database.replicas.urls}; each must be a
   * {@code postgresql://} (or {@code postgres://}) URL.
   */
  private static GatewayConfig.Replicas replicas(ConfigReader replicas, Map<String, String> env) {
    GatewayConfig.Replicas d = GatewayConfig.Replicas.NONE;
    List<String> fromFile = replicas.strings("urls");
    String fromEnv = env.get(ENV_DATABASE_READ_URL);
    String source = fromEnv == null || fromEnv.isBlank() ? replicas.name("urls") : ENV_DATABASE_READ_URL;
    List<String> urls = new ArrayList<>();
    for (String url : fromEnv == null || fromEnv.isBlank() ? fromFile : List.of(fromEnv.split(","))) {
      String trimmed = url.trim();
      if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
        throw new IllegalArgumentException(source + " must hold postgresql:// URLs (comma-separated in "
            + ENV_DATABASE_READ_URL + "), got '" + EffectiveConfig.withoutPassword(trimmed) + "'");
      }
      urls.add(trimmed);
    }
    return new GatewayConfig.Replicas(urls,
        replicas.longValue("catchUpMillis", d.catchUpMillis(), NON_NEGATIVE),
        replicas.longValue("probeMillis", d.probeMillis(), POSITIVE));
  }

  /** The default tenant rate limit: perSecond and burst both 0 (off) or both positive. */
  private static GatewayConfig.RateLimiting rateLimiting(ConfigReader rate) {
    int perSecond = rate.integer("perSecond", 0, NON_NEGATIVE);
    int burst = rate.integer("burst", 0, NON_NEGATIVE);
    int maxTenants = rate.integer("maxTenants", GatewayConfig.RateLimiting.OFF.maxTenants(), POSITIVE);
    if ((perSecond == 0) != (burst == 0)) {
      throw new IllegalArgumentException("rateLimit.perSecond and rateLimit.burst must be both 0 (off) "
          + "or both > 0, got " + perSecond + " and " + burst);
    }
    return new GatewayConfig.RateLimiting(perSecond, burst, maxTenants);
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
}
