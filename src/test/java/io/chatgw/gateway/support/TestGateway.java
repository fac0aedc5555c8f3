package io.chatgw.gateway.support;

import io.chatgw.gateway.Gateway;
import io.chatgw.gateway.config.ConfigLoader;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.ops.Metrics;
import io.chatgw.gateway.store.Migrations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real gateway (production {@link Gateway}, real HTTP port, real PostgreSQL) for tests. One is
 * shared by the whole run; tests that need other settings start their own with {@link #start}.
 */
public final class TestGateway implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789-0123456789";
  public static final String JWT_SECRET = "test-jwt-secret-0123456789-0123456789-abcdef";

  private static TestGateway shared;

  private final Vertx vertx;
  private final Gateway gateway;
  private final GatewayConfig config;
  private final Pool sql;

  private TestGateway(Vertx vertx, Gateway gateway, GatewayConfig config) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.config = config;
    this.sql = PgBuilder.pool().with(new PoolOptions().setMaxSize(2).setConnectionTimeout(5))
        .connectingTo(PgConnectOptions.fromUri(config.database().url().orElseThrow()))
        .using(vertx).build();
  }

  public static synchronized TestGateway shared() {
    if (shared == null) {
      shared = start(UnaryOperator.identity());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-gateway-cleanup"));
    }
    return shared;
  }

  /** Starts a gateway with the defaults of conf/, changed by {@code tweak}; waits for its schema. */
  public static TestGateway start(UnaryOperator<GatewayConfig> tweak) {
    return start(tweak, true);
  }

  /** Starts a gateway; with {@code awaitSchema} false it returns while the database may be down. */
  public static TestGateway start(UnaryOperator<GatewayConfig> tweak, boolean awaitSchema) {
    return start(new JsonObject(), tweak, awaitSchema);
  }

  /** Starts a gateway configured by {@code conf} (a conf/config.json document), then {@code tweak}. */
  public static TestGateway start(JsonObject conf, UnaryOperator<GatewayConfig> tweak) {
    return start(conf, tweak, true);
  }

  private static TestGateway start(JsonObject conf, UnaryOperator<GatewayConfig> tweak, boolean awaitSchema) {
    GatewayConfig config = ConfigLoader.fromJson(conf, Map.of(
        ConfigLoader.ENV_DATABASE_URL, TestPostgres.url(),
        ConfigLoader.ENV_ADMIN_TOKEN, ADMIN_TOKEN,
        ConfigLoader.ENV_JWT_SECRET, JWT_SECRET,
        ConfigLoader.ENV_HTTP_PORT, String.valueOf(freePort())));
    config = tweak.apply(config);
    Metrics metrics = new Metrics();
    Vertx vertx = metrics.newVertx(Gateway.vertxOptions(config));
    Gateway gateway = Gateway.start(vertx, config, Migrations.load(), metrics).await();
    if (awaitSchema) {
      gateway.migrated().await();
      // its first LISTEN drops every cache: a test that warms a cache must not race it
      Eventually.eventually(java.time.Duration.ofSeconds(10), "the change listener listens",
          gateway::listening, Boolean::booleanValue);
    }
    return new TestGateway(vertx, gateway, config);
  }

  public int port() {
    return config.http().port();
  }

  public Gateway gateway() {
    return gateway;
  }

  public GatewayConfig config() {
    return config;
  }

  /** A pool of its own for tests that look into the store directly. */
  public Pool sql() {
    return sql;
  }

  @Override
  public void close() {
    sql.close();
    gateway.close().await();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
