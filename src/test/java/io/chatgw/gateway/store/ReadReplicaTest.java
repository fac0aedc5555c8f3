package io.chatgw.gateway.store;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.ListenerMetrics;
import io.chatgw.gateway.support.MetricsText;
import io.chatgw.gateway.support.ReplicatedPostgres;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14, read replicas, against a real streaming replica ({@code pg_basebackup -R} of a
 * throwaway primary): two gateway instances on the primary read history pages from the replica;
 * a read right after an import has returned shows it on both instances even while the replica
 * does not replay at all; and a replica stopped and started again under a loop of concurrent reads
 * fails no request, and gets its reads back once it is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadReplicaTest {

  static final String REPLICA_READS = "gateway_reads_total{pool=\"replica\"}";
  static final String PRIMARY_READS = "gateway_reads_total{pool=\"primary\"}";
  static final String CATCH_UP_TIMEOUTS = "gateway_replica_catch_up_timeouts_total";
  static final Duration SOON = Duration.ofSeconds(10);

  ReplicatedPostgres pg;
  TestGateway one;
  TestGateway two;
  Http http1;
  Http http2;
  Admin admin1;
  Vertx vertx;
  Pool replicaSql;

  @BeforeAll
  void start() {
    pg = new ReplicatedPostgres();
    one = TestGateway.start(pg.gatewayConfig());
    two = TestGateway.start(pg.gatewayConfig());
    http1 = new Http(one.port());
    http2 = new Http(two.port());
    admin1 = new Admin(http1);
    ListenerMetrics.awaitListening(http1);
    ListenerMetrics.awaitListening(http2);
    vertx = Vertx.vertx();
    replicaSql = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(PgConnectOptions.fromUri(pg.replica().url())).using(vertx).build();
  }

  @AfterAll
  void stop() {
    http1.close();
    http2.close();
    one.close();
    two.close();
    replicaSql.close().await();
    vertx.close().await();
    pg.close();
  }

  /** A tenant with API key {@code key} and room {@code r} holding one message; loaded through instance 1. */
  String tenantWithRoom(String key) {
    Docs d = Docs.newTenant("replica").user("u1", "alice").room("r", 1, "u1")
        .message("m0", "r", "u1", "first", Instant.now().minusSeconds(60));
    JsonObject document = d.json();
    document.getJsonArray("tenants").getJsonObject(0).put("apiKeys", new JsonArray().add(key));
    long before = ListenerMetrics.notifications(http2);
    admin1.load(document);
    ListenerMetrics.awaitNotified(http2, before);
    return d.tenant();
  }

  static Http.Response page(Http http, String key) {
    return http.get("/consumer/api/v1/chatRoom/r/messages?auth=" + key);
  }

  /** The texts of the room's page as DeadSimpleChat answers them, sorted. */
  static List<String> texts(Http http, String key) {
    Http.Response page = page(http, key);
    assertEquals(200, page.status(), page.body());
    JsonArray messages = page.json().getJsonArray("messages");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      texts.add(messages.getJsonObject(i).getString("message"));
    }
    texts.sort(null);
    return texts;
  }

  static double metric(Http http, String series) {
    return MetricsText.value(http, series);
  }

  /** Index scans of the message table the replica itself counted (a standby keeps its own statistics). */
  long replicaMessageScans() {
    return replicaSql.query("SELECT coalesce(sum(idx_scan), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'message'")
        .execute().await().iterator().next().getLong(0);
  }

  long messagesOnReplica(String tenant, String text) {
    return replicaSql.preparedQuery("SELECT count(*) FROM message WHERE tenant_id = $1 AND text = $2")
        .execute(Tuple.of(tenant, text)).await().iterator().next().getLong(0);
  }

  /** Until the replica has replayed what was imported and serves this instance's reads again. */
  void awaitReplicaServes(Http http, String key) {
    eventually(SOON, "reads served by the replica again", () -> {
      double before = metric(http, REPLICA_READS);
      page(http, key);
      return metric(http, REPLICA_READS) > before;
    }, Boolean::booleanValue);
  }

  @Test
  void historyPagesAreReadFromTheReplica() {
    String key = "k-replica-" + UUID.randomUUID();
    tenantWithRoom(key);
    awaitReplicaServes(http1, key);
    awaitReplicaServes(http2, key);
    long scansBefore = replicaMessageScans();
    double replicaBefore = metric(http1, REPLICA_READS) + metric(http2, REPLICA_READS);
    for (int i = 0; i < 20; i++) {
      assertEquals(List.of("first"), texts(i % 2 == 0 ? http1 : http2, key));
    }
    double served = metric(http1, REPLICA_READS) + metric(http2, REPLICA_READS) - replicaBefore;
    assertTrue(served >= 15, "most of 20 pages read from the replica, by the gateways' count: " + served);
    eventually(SOON, "the replica's own statistics count the pages' index scans", this::replicaMessageScans,
        scans -> scans - scansBefore >= served);
  }

  @Test
  void aReadRightAfterAnImportShowsItOnBothInstancesThoughTheReplicaDoesNotReplay() {
    String key = "k-replica-" + UUID.randomUUID();
    String tenant = tenantWithRoom(key);
    awaitReplicaServes(http1, key);
    awaitReplicaServes(http2, key);
    String text = "later-" + UUID.randomUUID(); // sorts after "first"
    double timeoutsBefore = metric(http1, CATCH_UP_TIMEOUTS);
    pg.pauseReplay();
    try {
      admin1.load(Docs.forTenant(tenant).message("m1", "r", "u1", text, Instant.now().minusSeconds(30)).json());
      assertEquals(List.of("first", text), texts(http1, key), "instance 1, at once");
      assertEquals(List.of("first", text), texts(http2, key), "instance 2, at once");
      assertEquals(0, messagesOnReplica(tenant, text), "the replica really had not replayed the import");
      assertEquals(timeoutsBefore + 1, metric(http1, CATCH_UP_TIMEOUTS),
          "the import waited database.replicas.catchUpMillis for the replica, in vain");
    } finally {
      pg.resumeReplay();
    }
    eventually(SOON, "the replica replays the import", () -> messagesOnReplica(tenant, text), n -> n == 1);
    awaitReplicaServes(http1, key);
    awaitReplicaServes(http2, key);
    assertEquals(List.of("first", text), texts(http2, key));
  }

  @Test
  void aReplicaStoppedAndStartedUnderLoadFailsNoRequestAndGetsItsReadsBack() throws InterruptedException {
    String key = "k-replica-" + UUID.randomUUID();
    tenantWithRoom(key);
    awaitReplicaServes(http1, key);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong answered = new AtomicLong();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      Http http = new Http(c % 2 == 0 ? one.port() : two.port());
      Thread client = new Thread(() -> {
        try (http) {
          while (running.get()) {
            try {
              Http.Response r = page(http, key);
              if (r.status() != 200) {
                failures.add(r.status() + " " + r.body());
              }
              answered.incrementAndGet();
            } catch (RuntimeException e) {
              failures.add(e.toString());
            }
          }
        }
      }, "replica-load-" + c);
      client.start();
      clients.add(client);
    }
    try {
      Thread.sleep(500);
      double primaryBefore = metric(http1, PRIMARY_READS) + metric(http2, PRIMARY_READS);
      pg.replica().stopServer();
      Thread.sleep(1500);
      assertTrue(metric(http1, PRIMARY_READS) + metric(http2, PRIMARY_READS) - primaryBefore > 20,
          "the primary serves while the replica is down");
      pg.replica().startServer();
      double oneAtRestart = metric(http1, REPLICA_READS);
      double twoAtRestart = metric(http2, REPLICA_READS);
      eventually(Duration.ofSeconds(30), "instance 1 reads from the replica again",
          () -> metric(http1, REPLICA_READS) - oneAtRestart, n -> n > 50);
      eventually(Duration.ofSeconds(30), "instance 2 reads from the replica again",
          () -> metric(http2, REPLICA_READS) - twoAtRestart, n -> n > 50);
    } finally {
      running.set(false);
      for (Thread client : clients) {
        client.join(10_000);
      }
    }
    assertEquals(List.of(), List.copyOf(failures), "no request failed");
    assertTrue(answered.get() > 200, "the load ran: " + answered.get() + " pages");
    for (Http http : List.of(http1, http2)) {
      eventually(SOON, "gateway_replica_up is 1", () -> metric(http, "gateway_replica_up{replica=\"0\"}"), up -> up == 1);
    }
  }
}
