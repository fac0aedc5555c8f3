package io.chatgw.gateway.store;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.ConfigLoader;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.FaultyDatabase;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.MetricsText;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * dialects.md: "A database outage answers 503 in the dialect's format and recovers by itself".
 * A gateway of this test's own behind a {@link FaultyDatabase}, so that cutting and stalling the
 * database here disturbs no other test. Times here are the gateway's 1 s deadline, not
 * performance claims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsTest {

  static final long DEADLINE_MILLIS = 1000;

  FaultyDatabase database;
  TestGateway gateway;
  Http http;
  String session;
  String jwt;

  /** The gateway's database settings (a subclass runs the same faults with pipelined reads). */
  JsonObject databaseSettings() {
    return new JsonObject().put("deadlineMillis", DEADLINE_MILLIS).put("poolSize", 4).put("maxWaitQueueSize", 32);
  }

  @BeforeAll
  void startGatewayBeforeTheDatabase() {
    database = new FaultyDatabase();
    database.cut();
    gateway = TestGateway.start(c -> ConfigLoader.fromJson(new JsonObject()
        .put("database", databaseSettings()), Map.of(
        ConfigLoader.ENV_DATABASE_URL, database.url(),
        ConfigLoader.ENV_ADMIN_TOKEN, TestGateway.ADMIN_TOKEN,
        ConfigLoader.ENV_JWT_SECRET, TestGateway.JWT_SECRET,
        ConfigLoader.ENV_HTTP_PORT, String.valueOf(c.http().port()))), false);
    http = new Http(gateway.port());
  }

  @AfterAll
  void stopAll() {
    http.close();
    gateway.close();
    database.close();
  }

  Http.Response mirage(String credential) {
    return http.get("/api/get_room_messages?room_id=1", "Authorization", credential);
  }

  @Test
  @Order(1)
  void theGatewayStartsWithoutItsDatabaseAndHealsWhenItAppears() {
    assertEquals(200, http.get("/health/live").status());
    assertEquals(503, http.get("/health/ready").status());
    Http.Response response = mirage("some-valid-looking-session-token");
    assertEquals(503, response.status(), "never 401 while the credential cannot be checked");
    assertEquals("{\"error\":\"service unavailable\"}", response.body());

    database.restore();
    gateway.gateway().migrated().await();
    assertEquals(200, http.get("/health/ready").status());
    Docs d = Docs.newTenant("faults").user("u", "u").room("r", 1, "u")
        .message("m", "r", "u", "hello", Instant.now().minusSeconds(10));
    Admin admin = new Admin(http);
    admin.load(d.json());
    JsonObject tokens = admin.tokens(d.tenant(), "u");
    session = tokens.getString("sessionToken");
    jwt = tokens.getString("jwt");
    assertEquals(200, mirage(session).status());
  }

  static final String DEADLINE_HITS = "gateway_database_failures_total{cause=\"deadline\"}";
  static final String UNAVAILABLE = "gateway_database_failures_total{cause=\"unavailable\"}";

  @Test
  @Order(2)
  void anOutageUnderSteadyLoadGivesOnly200Or503AndHealsWithin2Seconds() throws Exception {
    double unavailable = MetricsText.value(http, UNAVAILABLE);
    Load load = new Load(jwt);
    load.start();
    Thread.sleep(500);
    database.cut();
    Thread.sleep(1500);
    database.restore();
    long back = System.nanoTime();
    Thread.sleep(3000);
    load.stop();
    assertTrue(load.failures.isEmpty(), "socket errors or hangs: " + load.failures);
    assertTrue(load.statuses.stream().allMatch(s -> s == 200 || s == 503), "statuses: " + load.statuses);
    assertTrue(load.statuses.contains(503), "the outage was seen");
    assertTrue(MetricsText.value(http, UNAVAILABLE) > unavailable, "counted as database failures");
    long firstOkAfter = load.firstOkAfter(back);
    assertTrue(firstOkAfter >= 0 && firstOkAfter <= 2_000, "first 200 " + firstOkAfter + " ms after the outage");
  }

  @Test
  @Order(3)
  void aStalledDatabaseAnswers503ByTheDeadlineAndRecoversWhenItAnswersAgain() {
    double deadlineHits = MetricsText.value(http, DEADLINE_HITS);
    database.stall();
    try {
      List<Long> durations = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        Http.Response response = mirage(i % 2 == 0 ? jwt : "unknown-session-token-" + i);
        durations.add((System.nanoTime() - start) / 1_000_000);
        assertEquals(503, response.status(), response.body());
      }
      assertEquals(503, http.get("/health/ready").status());
      assertEquals(200, http.get("/health/live").status());
      assertTrue(durations.stream().allMatch(ms -> ms < DEADLINE_MILLIS + 1500), "durations " + durations);
      assertTrue(MetricsText.value(http, DEADLINE_HITS) > deadlineHits, "counted as deadline hits");
    } finally {
      database.restore();
    }
    eventually(Duration.ofSeconds(5), "recovery once the database answers again", () -> mirage(jwt),
        r -> r.status() == 200);
  }

  @Test
  @Order(4)
  void terminatedBackendsAreReplaced() {
    // only this gateway's backends: the ones behind the proxy (the shared gateway's stay alone)
    int terminated = TestGateway.shared().sql().preparedQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = $1 AND client_port = ANY($2)")
        .execute(Tuple.of(Pools.APPLICATION_NAME).addArrayOfInteger(database.backendPorts().toArray(Integer[]::new)))
        .await().size();
    assertTrue(terminated > 0, "the gateway had backends to terminate");
    eventually(Duration.ofSeconds(2), "recovery after pg_terminate_backend", () -> mirage(jwt).status(), status -> {
      assertTrue(status == 200 || status == 503, "status " + status);
      return status == 200;
    });
  }

  /**
   * One deadline per request, counted from its arrival: with the database stalled, twice as many
   * requests as the tenant's share (4) arrive at once; half run into the stall, half wait for
   * the share. The waiting ones must not get a fresh deadline when their turn comes (that made
   * them answer at twice the deadline): every answer is a 503 by the deadline plus scheduling.
   */
  @Test
  @Order(5)
  void requestsWaitingForTheirShareOfAStalledDatabaseStillAnswerByTheDeadline() throws Exception {
    database.stall();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(callers.submit(() -> {
          try (Http own = new Http(gateway.port())) {
            long start = System.nanoTime();
            Http.Response response = own.get("/api/get_room_messages?room_id=1", "Authorization", jwt);
            assertEquals(503, response.status(), response.body());
            return (System.nanoTime() - start) / 1_000_000;
          }
        }));
      }
      List<Long> durations = new ArrayList<>();
      for (Future<Long> call : calls) {
        durations.add(call.get(10, TimeUnit.SECONDS));
      }
      assertTrue(durations.stream().allMatch(ms -> ms < DEADLINE_MILLIS + 600), "durations " + durations);
    } finally {
      callers.shutdownNow();
      database.restore();
    }
    eventually(Duration.ofSeconds(5), "recovery once the database answers again", () -> mirage(jwt),
        r -> r.status() == 200);
  }

  /** A steady stream of requests from one thread, recording every outcome with its time. */
  final class Load {
    final String credential;
    final List<Integer> statuses = new ArrayList<>();
    final List<Long> times = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final AtomicBoolean running = new AtomicBoolean(true);
    final Thread thread = new Thread(this::loop, "fault-load");

    Load(String credential) {
      this.credential = credential;
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
    }

    private void loop() {
      try (Http own = new Http(gateway.port())) {
        while (running.get()) {
          long start = System.nanoTime();
          try {
            int status = own.get("/api/get_room_messages?room_id=1", "Authorization", credential).status();
            long took = (System.nanoTime() - start) / 1_000_000;
            synchronized (this) {
              statuses.add(status);
              times.add(System.nanoTime());
              if (took > DEADLINE_MILLIS + 1500) {
                failures.add("a request took " + took + " ms");
              }
            }
          } catch (RuntimeException e) {
            synchronized (this) {
              failures.add(e.toString());
            }
          }
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    synchronized long firstOkAfter(long nanos) {
      for (int i = 0; i < times.size(); i++) {
        if (times.get(i) >= nanos && statuses.get(i) == 200) {
          return (times.get(i) - nanos) / 1_000_000;
        }
      }
      return -1;
    }
  }
}
