package io.chatgw.gateway;

import io.chatgw.gateway.auth.SecretTokens;
import io.chatgw.gateway.config.ConfigLoader;
import io.chatgw.gateway.config.EffectiveConfig;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.demo.DemoData;
import io.chatgw.gateway.ops.Metrics;
import io.chatgw.gateway.store.LocalPostgres;
import io.chatgw.gateway.store.PostgresCommand;
import io.chatgw.gateway.store.Migrations;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the gateway: config, then (if no DATABASE_URL) a throwaway PostgreSQL, then Vert.x. */
@Command(name = "gateway", mixinStandardHelpOptions = true, subcommands = PostgresCommand.class,
    description = "Chat-history gateway: five vendor history APIs over one PostgreSQL store.")
public final class Main implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Option(names = "--config", description = "configuration file; it must exist "
      + "(default: conf/config.json when it exists, else the copy inside the jar)")
  Path configFile;

  @Option(names = "--demo", description = "load demo data through the admin API and print curl lines")
  boolean demo;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    int code = cli.execute(args);
    if (code != 0 || cli.getParseResult().subcommand() != null) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() {
    GatewayConfig config;
    LocalPostgres localPostgres = null;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
      if (config.database().url().isEmpty()) {
        localPostgres = LocalPostgres.start();
        config = config.withDatabaseUrl(localPostgres.url());
      }
      if (config.jwt().secret().isEmpty()) {
        log.warn("No JWT_SECRET configured: using a random one; minted JWTs die with this process");
        config = config.withJwtSecret(SecretTokens.newToken());
      }
      if (demo && config.adminToken().isEmpty()) {
        config = config.withAdminToken(SecretTokens.newToken());
      }
      log.info("Effective configuration: {}", EffectiveConfig.describe(config));
    } catch (RuntimeException e) {
      log.error("Cannot start: {}", e.getMessage());
      if (localPostgres != null) {
        localPostgres.close();
      }
      return 1;
    }
    Metrics metrics = new Metrics();
    Vertx vertx = metrics.newVertx(Gateway.vertxOptions(config));
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, config, Migrations.load(), metrics)
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("Cannot start: {}", e.getCause() != null ? e.getCause().toString() : e.toString());
      vertx.close();
      if (localPostgres != null) {
        localPostgres.close();
      }
      return 1;
    }
    LocalPostgres pg = localPostgres;
    long graceMillis = config.http().shutdownGraceSeconds() * 1000L;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway, pg, graceMillis), "gateway-shutdown"));
    log.info("Gateway listening on port {}", config.http().port());
    if (demo) {
      try {
        gateway.migrated().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        System.out.println(DemoData.load(config.http().port(), config.adminToken().orElseThrow()));
      } catch (Exception e) {
        log.error("Loading the demo data failed: {}", e.toString());
        return 1;
      }
    }
    return 0;
  }

  private static void stop(Gateway gateway, LocalPostgres pg, long graceMillis) {
    try {
      gateway.shutdown(graceMillis).toCompletionStage().toCompletableFuture()
          .get(graceMillis + 5000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("Gateway did not close cleanly: {}", e.toString());
    }
    if (pg != null) {
      pg.close();
    }
  }
}
