package io.chatgw.gateway.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
    int instances,
    RateLimiting rateLimit,
    DirectoryLimits directory,
    FeedLimits feed) {

  /** With the default live feed's bounds. */
  public GatewayConfig(Http http, Database database, Optional<String> adminToken, Jwt jwt, Auth auth,
      Mirage mirage, ImportLimits imports, PageLimits pages, int instances, RateLimiting rateLimit,
      DirectoryLimits directory) {
    this(http, database, adminToken, jwt, auth, mirage, imports, pages, instances, rateLimit, directory,
        FeedLimits.DEFAULTS);
  }

  /** With the default directory caches. */
  public GatewayConfig(Http http, Database database, Optional<String> adminToken, Jwt jwt, Auth auth,
      Mirage mirage, ImportLimits imports, PageLimits pages, int instances, RateLimiting rateLimit) {
    this(http, database, adminToken, jwt, auth, mirage, imports, pages, instances, rateLimit, DirectoryLimits.DEFAULTS);
  }

  /** A configuration with the default rate limit off. */
  public GatewayConfig(Http http, Database database, Optional<String> adminToken, Jwt jwt, Auth auth,
      Mirage mirage, ImportLimits imports, PageLimits pages, int instances) {
    this(http, database, adminToken, jwt, auth, mirage, imports, pages, instances, RateLimiting.OFF);
  }

  /**
   * {@code shutdownGraceSeconds}: how long a SIGTERM waits for requests in flight; {@code host}: the
   * address to bind ({@code 0.0.0.0}, every interface, by default); {@code h2c}: HTTP/2 over
   * cleartext (upgrade and prior knowledge), off by default; {@code corsOrigins}: the browser
   * origins allowed to call the history routes (empty: no CORS header at all), a preflight's
   * answer cached by the browser for {@code corsMaxAgeSeconds}; {@code accessLog}: one log line per
   * request (on by default); {@code maxInFlight}: history requests admitted at once, the next one
   * is refused with a 503 before its credential is checked.
   */
  public record Http(int port, int maxInitialLineLength, int maxHeaderSize, int idleTimeoutSeconds,
      int shutdownGraceSeconds, String host, boolean h2c, List<String> corsOrigins, int corsMaxAgeSeconds,
      boolean accessLog, int maxInFlight) {

    public Http {
      corsOrigins = List.copyOf(corsOrigins);
    }

    /** Without CORS, with the access log. */
    public Http(int port, int maxInitialLineLength, int maxHeaderSize, int idleTimeoutSeconds,
        int shutdownGraceSeconds, String host, boolean h2c) {
      this(port, maxInitialLineLength, maxHeaderSize, idleTimeoutSeconds, shutdownGraceSeconds, host, h2c,
          List.of(), 600, true, 256);
    }

    /** Without CORS, with the access log, admitting {@code maxInFlight} history requests at once. */
    public Http(int port, int maxInitialLineLength, int maxHeaderSize, int idleTimeoutSeconds,
        int shutdownGraceSeconds, String host, boolean h2c, int maxInFlight) {
      this(port, maxInitialLineLength, maxHeaderSize, idleTimeoutSeconds, shutdownGraceSeconds, host, h2c,
          List.of(), 600, true, maxInFlight);
    }

    public Http withCors(List<String> origins) {
      return new Http(port, maxInitialLineLength, maxHeaderSize, idleTimeoutSeconds, shutdownGraceSeconds, host,
          h2c, origins, corsMaxAgeSeconds, accessLog, maxInFlight);
    }

    public Http withAccessLog(boolean on) {
      return new Http(port, maxInitialLineLength, maxHeaderSize, idleTimeoutSeconds, shutdownGraceSeconds, host,
          h2c, corsOrigins, corsMaxAgeSeconds, on, maxInFlight);
    }
  }

  /**
   * {@code url} is empty when the gateway should start its own throwaway PostgreSQL.
   * {@code tenantShare}: history requests of one tenant in flight to the store at once;
   * {@code tenantQueue}: how many more of them may wait for it (docs/decisions.md, Fair sharing);
   * {@code pipelining}: how many of one tenant's single-statement reads may be in flight on one
   * connection of the primary's pool at once (1, the default: one at a time; more pipelines them on
   * connections leased for the tenant, store/TenantLanes: docs/decisions.md, "Pipelined reads").
   */
  public record Database(Optional<String> url, int poolSize, int maxWaitQueueSize, long deadlineMillis,
      int tenantShare, int tenantQueue, Optional<String> listenUrl, Replicas replicas, int pipelining) {

    /** Off: pipelined at 2, req/s rose 15-27 % but p99 at 64 connections went past 50 ms. */
    public static final int DEFAULT_PIPELINING = 1;

    /** With the default share (half the pool), queue (512) and pipelining (off). */
    public Database(Optional<String> url, int poolSize, int maxWaitQueueSize, long deadlineMillis) {
      this(url, poolSize, maxWaitQueueSize, deadlineMillis, Math.max(1, poolSize / 2), 512);
    }

    /** With the default pipelining (off). */
    public Database(Optional<String> url, int poolSize, int maxWaitQueueSize, long deadlineMillis,
        int tenantShare, int tenantQueue, Optional<String> listenUrl, Replicas replicas) {
      this(url, poolSize, maxWaitQueueSize, deadlineMillis, tenantShare, tenantQueue, listenUrl, replicas,
          DEFAULT_PIPELINING);
    }

    /** How many reads the primary runs at once: {@code pipelining} on each of {@code poolSize} connections. */
    public int readSlots() {
      return poolSize * pipelining;
    }

    /**
     * Below this many history requests in flight (all tenants), a tenant may exceed its share. One
     * at a time on a connection: one connection fewer than the pool, so another tenant always finds
     * one. Pipelined: every read slot busy and as many again waiting on their event loop's lane,
     * which sends the next statement the moment one answers; counted without that queue (with
     * Vert.x's pipelined client), the statements were sent a hop later (from the tenant queue) and
     * the gain halved (docs/decisions.md, "Pipelined reads").
     */
    public int busyLimit() {
      return pipelining == 1 ? poolSize - 1 : 2 * readSlots();
    }

    /** Without replicas, the change listener on {@code url}. */
    public Database(Optional<String> url, int poolSize, int maxWaitQueueSize, long deadlineMillis,
        int tenantShare, int tenantQueue) {
      this(url, poolSize, maxWaitQueueSize, deadlineMillis, tenantShare, tenantQueue, Optional.empty(), Replicas.NONE);
    }

    /** Where the change listener's {@code LISTEN} connects: {@code listenUrl}, else {@code url}. */
    public Optional<String> listenerUrl() {
      return listenUrl.isPresent() ? listenUrl : url;
    }

    public Database withReplicas(Replicas r) {
      return new Database(url, poolSize, maxWaitQueueSize, deadlineMillis, tenantShare, tenantQueue, listenUrl, r,
          pipelining);
    }

    /** Masked: the URL may carry a password. */
    @Override
    public String toString() {
      return EffectiveConfig.describe(this);
    }
  }

  /**
   * Where history reads may go besides the primary (docs/decisions.md, "Read replicas").
   *
   * @param urls PostgreSQL streaming replicas of the primary ({@code DATABASE_READ_URL}, comma-separated);
   *     empty: every read goes to the primary
   * @param catchUpMillis how long an import, once committed, waits for each replica in rotation to
   *     have replayed it before it answers; one that has not is out of rotation until it has
   * @param probeMillis how often each replica's replay position is read (and whether it answers);
   *     one that does not answer is probed again after a back-off from this up to 5 s
   */
  public record Replicas(List<String> urls, long catchUpMillis, long probeMillis) {

    public static final Replicas NONE = new Replicas(List.of(), 1000, 200);

    public Replicas {
      urls = List.copyOf(urls);
    }

    public Replicas withUrls(List<String> others) {
      return new Replicas(others, catchUpMillis, probeMillis);
    }
  }

  /**
   * {@code cacheSize}: verified tokens remembered (each until its own {@code exp} plus the
   * leeway), counted by weight: one per started KiB of the token; {@code 0} verifies every time.
   */
  public record Jwt(Optional<String> secret, Optional<String> publicKeyPem, int leewaySeconds, long cacheSize) {
    /** Masked: a record's own toString would print the secret. */
    @Override
    public String toString() {
      return EffectiveConfig.describe(this);
    }
  }

  /**
   * {@code unknownCacheSeconds}: how long a credential the store does not know is answered 401
   * without asking it again; {@code maxLookups}/{@code lookupQueue}: credential lookups in flight
   * against the database, and waiting for a place, so that a flood of made-up keys cannot fill
   * the pool's wait queue.
   */
  public record Auth(int cacheSeconds, long cacheSize, int unknownCacheSeconds, int maxLookups, int lookupQueue) {}

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
    return withDatabase(new Database(Optional.of(url), database.poolSize(), database.maxWaitQueueSize(),
        database.deadlineMillis(), database.tenantShare(), database.tenantQueue(), database.listenUrl(),
        database.replicas(), database.pipelining()));
  }

  public GatewayConfig withAdminToken(String token) {
    return with(c -> c.adminToken = Optional.of(token));
  }

  public GatewayConfig withJwtSecret(String secret) {
    return with(c -> c.jwt = new Jwt(Optional.of(secret), jwt.publicKeyPem(), jwt.leewaySeconds(), jwt.cacheSize()));
  }

  public GatewayConfig withHttp(Http h) {
    return with(c -> c.http = h);
  }

  public GatewayConfig withMirage(Mirage m) {
    return with(c -> c.mirage = m);
  }

  public GatewayConfig withImports(ImportLimits limits) {
    return with(c -> c.imports = limits);
  }

  public GatewayConfig withPages(PageLimits limits) {
    return with(c -> c.pages = limits);
  }

  public GatewayConfig withDatabase(Database d) {
    return with(c -> c.database = d);
  }

  public GatewayConfig withRateLimit(RateLimiting r) {
    return with(c -> c.rateLimit = r);
  }

  public GatewayConfig withAuth(Auth a) {
    return with(c -> c.auth = a);
  }

  public GatewayConfig withDirectory(DirectoryLimits d) {
    return with(c -> c.directory = d);
  }

  public GatewayConfig withFeed(FeedLimits f) {
    return with(c -> c.feed = f);
  }

  /** This configuration with {@code change} applied to a copy of its components. */
  private GatewayConfig with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The components, once, so that each {@code with} method names only the one it replaces. */
  private static final class Copy {
    private Http http;
    private Database database;
    private Optional<String> adminToken;
    private Jwt jwt;
    private Auth auth;
    private Mirage mirage;
    private ImportLimits imports;
    private PageLimits pages;
    private final int instances;
    private RateLimiting rateLimit;
    private DirectoryLimits directory;
    private FeedLimits feed;

    private Copy(GatewayConfig c) {
      http = c.http;
      database = c.database;
      adminToken = c.adminToken;
      jwt = c.jwt;
      auth = c.auth;
      mirage = c.mirage;
      imports = c.imports;
      pages = c.pages;
      instances = c.instances;
      rateLimit = c.rateLimit;
      directory = c.directory;
      feed = c.feed;
    }

    private GatewayConfig build() {
      return new GatewayConfig(http, database, adminToken, jwt, auth, mirage, imports, pages, instances, rateLimit,
          directory, feed);
    }
  }

  /** Masked like the start-up log line: the record's own toString would print every secret. */
  @Override
  public String toString() {
    return EffectiveConfig.describe(this);
  }
}
