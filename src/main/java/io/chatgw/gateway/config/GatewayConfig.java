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
    ImportLimits imports,
    PageLimits pages,
    int instances) {

  /**
   * {@code shutdownGraceSeconds}: how long a SIGTERM waits for requests in flight; {@code host}: the
   * address to bind ({@code 0.0.0.0}, every interface, by default); {@code h2c}: HTTP/2 over
   * cleartext (upgrade and prior knowledge), off by default.
   */
  public record Http(int port, int maxInitialLineLength, int maxHeaderSize, int idleTimeoutSeconds,
      int shutdownGraceSeconds, String host, boolean h2c) {}

  /** {@code url} is empty when the gateway should start its own throwaway PostgreSQL. */
  public record Database(Optional<String> url, int poolSize, int maxWaitQueueSize, long deadlineMillis) {}

  public record Jwt(Optional<String> secret, Optional<String> publicKeyPem, int leewaySeconds) {}

  /**
   * {@code unknownCacheSeconds}: how long a credential the store does not know is answered 401
   * without asking it again; {@code maxLookups}/{@code lookupQueue}: credential lookups in flight
   * against the database, and waiting for a place, so that a flood of made-up keys cannot fill
   * the pool's wait queue.
   */
  public record Auth(int cacheSeconds, long cacheSize, int unknownCacheSeconds, int maxLookups, int lookupQueue) {}

  /** {@code 0} turns a limit off. */
  public record Mirage(long ttlSeconds, int maxMessages) {}

  public GatewayConfig withDatabaseUrl(String url) {
    return new GatewayConfig(http, new Database(Optional.of(url), database.poolSize(),
        database.maxWaitQueueSize(), database.deadlineMillis()), adminToken, jwt, auth, mirage, imports, pages, instances);
  }

  public GatewayConfig withHttpPort(int port) {
    return new GatewayConfig(new Http(port, http.maxInitialLineLength(), http.maxHeaderSize(),
        http.idleTimeoutSeconds(), http.shutdownGraceSeconds(), http.host(), http.h2c()),
        database, adminToken, jwt, auth, mirage, imports, pages, instances);
  }

  public GatewayConfig withAdminToken(String token) {
    return new GatewayConfig(http, database, Optional.of(token), jwt, auth, mirage, imports, pages, instances);
  }

  public GatewayConfig withJwtSecret(String secret) {
    return new GatewayConfig(http, database, adminToken,
        new Jwt(Optional.of(secret), jwt.publicKeyPem(), jwt.leewaySeconds()), auth, mirage, imports, pages, instances);
  }

  public GatewayConfig withMirage(Mirage m) {
    return new GatewayConfig(http, database, adminToken, jwt, auth, m, imports, pages, instances);
  }

  public GatewayConfig withImports(ImportLimits limits) {
    return new GatewayConfig(http, database, adminToken, jwt, auth, mirage, limits, pages, instances);
  }

  public GatewayConfig withPages(PageLimits limits) {
    return new GatewayConfig(http, database, adminToken, jwt, auth, mirage, imports, limits, instances);
  }
}
