package io.chatgw.gateway.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.FaultyDatabase;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.ListenerMetrics;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestPostgres;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code database.listenUrl} ({@code DATABASE_LISTEN_URL}): the change listener connects there,
 * the pool to {@code database.url}, e.g. a PgBouncer in transaction mode for the pool and the
 * primary itself for {@code LISTEN} (docs/operations.md, "Behind PgBouncer").
 */
class ListenUrlTest {

  static GatewayConfig listeningVia(GatewayConfig c, String listenUrl) {
    GatewayConfig.Database d = c.database();
    return c.withDatabase(new GatewayConfig.Database(d.url(), d.poolSize(), d.maxWaitQueueSize(), d.deadlineMillis(),
        d.tenantShare(), d.tenantQueue(), Optional.of(listenUrl), d.replicas()));
  }

  @Test
  void theListenerConnectsToTheListenUrlAndThePoolToTheDatabaseUrl() {
    try (FaultyDatabase listenPath = new FaultyDatabase(TestPostgres.url())) {
      listenPath.cut();
      TestGateway gateway = TestGateway.start(c -> listeningVia(c, listenPath.url()), false);
      try (Http http = new Http(gateway.port())) {
        gateway.gateway().migrated().await();
        assertEquals(200, http.get("/health/ready").status(), "the pool works on database.url");
        assertFalse(ListenerMetrics.listening(http), "the listener's own path is cut");
        listenPath.restore();
        ListenerMetrics.awaitListening(http);
        long before = ListenerMetrics.notifications(http);
        new Admin(http).load(Docs.newTenant("listen-url").json());
        ListenerMetrics.awaitNotified(http, before);
      } finally {
        gateway.close();
      }
    }
  }
}
