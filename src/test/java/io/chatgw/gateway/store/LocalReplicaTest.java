package io.chatgw.gateway.store;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The replica {@link LocalPostgres#startReplica} makes when the binaries carry no
 * {@code pg_basebackup} (the copy of a shut-down cluster): it is in recovery, and a row committed
 * on the primary afterwards reaches it by streaming. ({@code store/ReadReplicaTest} uses the
 * {@code pg_basebackup} path on the system's binaries.)
 */
class LocalReplicaTest {

  @Test
  void aReplicaCopiedFromTheStoppedPrimaryStreamsWhatThePrimaryCommitsLater() {
    Vertx vertx = Vertx.vertx();
    try (LocalPostgres primary = LocalPostgres.start(); LocalPostgres replica = primary.startReplicaByCopy()) {
      Pool onPrimary = pool(vertx, primary.url());
      Pool onReplica = pool(vertx, replica.url());
      assertEquals(Boolean.TRUE, onReplica.query("SELECT pg_is_in_recovery()").execute().await()
          .iterator().next().getBoolean(0));
      onPrimary.query("CREATE TABLE streamed (n int); INSERT INTO streamed VALUES (42)").execute().await();
      eventually(Duration.ofSeconds(20), "the row reaches the replica", () -> {
        try {
          return onReplica.query("SELECT n FROM streamed").execute().await().iterator().next().getInteger(0);
        } catch (RuntimeException notYet) {
          return null;
        }
      }, n -> n != null && n == 42);
      assertTrue(onPrimary.query("SELECT count(*) FROM pg_stat_replication").execute().await()
          .iterator().next().getLong(0) >= 1, "the primary has a WAL sender for it");
    } finally {
      vertx.close().await();
    }
  }

  static Pool pool(Vertx vertx, String url) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(PgConnectOptions.fromUri(url))
        .using(vertx).build();
  }
}
