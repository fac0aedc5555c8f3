package io.chatgw.gateway.config;

import java.util.Optional;

/** The gateway's whole configuration, validated once at start-up and handed to every verticle. */
public record GatewayConfig(
    Http http,
    Database database,
    Optional<String> adminToken,
    Jwt jwt,
    Auth auth,
    Mirage mirage,
    int instances,
    RateLimiting rateLimit) {

  /** The configuration before rate limiting existed: the default rate limit off. */
  public GatewayConfig(Http http, Database database, Optional<String> adminToken, Jwt jwt, Auth auth,
      Mirage mirage, int instances) {
    this(http, database, adminToken, jwt, auth, mirage, instances, RateLimiting.OFF);
  }

  /** {@code shutdownGraceSeconds}: how long a SIGTERM waits for requests in flight. */
  public record Http(int port, int maxInitialLineLength, int maxHeaderSize, int idleTimeoutSeconds,
      int shutdownGraceSeconds) {}

  /**
   * {@code url} is empty when the gateway should start its own throwaway PostgreSQL.
   * {@code tenantShare}: history requests of one tenant in flight to the store at once;
   * {@code tenantQueue}: how many more of them may wait for it (docs/decisions.md, Fair sharing).
   */
  public record Database(Optional<String> url, int poolSize, int maxWaitQueueSize, long deadlineMillis,
      int tenantShare, int tenantQueue) {}

  public record Jwt(Optional<String> secret, Optional<String> publicKeyPem, int leewaySeconds) {}

  public record Auth(int cacheSeconds, long cacheSize) {}

  /** {@code 0} turns a limit off. */
  public record Mirage(long ttlSeconds, int maxMessages) {}

  /**
   * The default rate limit of a tenant without its own: {@code perSecond} and {@code burst} both
   * 0 (off) or both positive. {@code maxTenants} bounds the per-tenant state kept in memory.
   */
  public record RateLimiting(int perSecond, int burst, int maxTenants) {
    public static final RateLimiting OFF = new RateLimiting(0, 0, 10_000);
  }

  public GatewayConfig withDatabaseUrl(String url) {
    return new GatewayConfig(http, new Database(Optional.of(url), database.poolSize(),
        database.maxWaitQueueSize(), database.deadlineMillis(), database.tenantShare(), database.tenantQueue()),
        adminToken, jwt, auth, mirage, instances, rateLimit);
  }

  public GatewayConfig withHttpPort(int port) {
    return new GatewayConfig(new Http(port, http.maxInitialLineLength(), http.maxHeaderSize(),
        http.idleTimeoutSeconds(), http.shutdownGraceSeconds()), database, adminToken, jwt, auth, mirage, instances,
        rateLimit);
  }

  public GatewayConfig withAdminToken(String token) {
    return new GatewayConfig(http, database, Optional.of(token), jwt, auth, mirage, instances, rateLimit);
  }

  public GatewayConfig withJwtSecret(String secret) {
    return new GatewayConfig(http, database, adminToken,
        new Jwt(Optional.of(secret), jwt.publicKeyPem(), jwt.leewaySeconds()), auth, mirage, instances, rateLimit);
  }

  public GatewayConfig withMirage(Mirage m) {
    return new GatewayConfig(http, database, adminToken, jwt, auth, m, instances, rateLimit);
  }

  public GatewayConfig withDatabase(Database d) {
    return new GatewayConfig(http, d, adminToken, jwt, auth, mirage, instances, rateLimit);
  }

  public GatewayConfig withRateLimit(RateLimiting r) {
    return new GatewayConfig(http, database, adminToken, jwt, auth, mirage, instances, r);
  }
}
