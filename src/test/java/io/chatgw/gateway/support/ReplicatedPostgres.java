package io.chatgw.gateway.support;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.store.LocalPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A throwaway primary of its own and a real streaming replica of it ({@code pg_basebackup -R},
 * {@link LocalPostgres#startReplica}), for the tests of read replicas. The replica's replay can be
 * paused ({@code pg_wal_replay_pause()}) to make it lag on purpose, and its server stopped and
 * started again.
 */
public final class ReplicatedPostgres implements AutoCloseable {

  private final LocalPostgres primary = LocalPostgres.start();
  private final LocalPostgres replica = primary.startReplica();
  private final Vertx vertx = Vertx.vertx();
  private final Pool onReplica = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
      .connectingTo(PgConnectOptions.fromUri(replica.url()).setReconnectAttempts(0)).using(vertx).build();

  public LocalPostgres replica() {
    return replica;
  }

  /** A gateway's configuration on this primary, reading from the replica (probed every 50 ms). */
  public UnaryOperator<GatewayConfig> gatewayConfig() {
    return c -> {
      GatewayConfig on = c.withDatabaseUrl(primary.url());
      return on.withDatabase(on.database().withReplicas(new GatewayConfig.Replicas(List.of(replica.url()),
          on.database().replicas().catchUpMillis(), 50)));
    };
  }

  /** The replica stops applying WAL (it still receives it): it lags from now on. */
  public void pauseReplay() {
    onReplica.query("SELECT pg_wal_replay_pause()").execute().await();
  }

  public void resumeReplay() {
    onReplica.query("SELECT pg_wal_replay_resume()").execute().await();
  }

  @Override
  public void close() {
    onReplica.close().await();
    vertx.close().await();
    replica.close();
    primary.close();
  }
}
