package io.chatgw.gateway.store;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chatgw.gateway.Gateway;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestPostgres;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A DATABASE_URL naming a database the server does not have (SQLSTATE 3D000): the port opens,
 * readiness stays 503, and the log says what to fix instead of only "retrying".
 */
class MissingDatabaseTest {

  static String urlOfMissingDatabase() throws URISyntaxException {
    URI url = URI.create(TestPostgres.url());
    return new URI(url.getScheme(), url.getUserInfo(), url.getHost(), url.getPort(), "/no_such_gateway_db",
        url.getQuery(), null).toString();
  }

  @Test
  void aMissingDatabaseIsLoggedWithAHintWhileReadinessStays503() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger logger = context.getLogger(Gateway.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    logger.addAppender(captured);
    String url = urlOfMissingDatabase();
    try (TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(url), false);
        Http http = new Http(gateway.port())) {
      String first = eventually(Duration.ofSeconds(10), "a \"Database not ready\" warning", () -> warnings(captured),
          w -> !w.isEmpty()).get(0);
      assertTrue(first.contains("3D000"), first);
      assertTrue(first.contains(": the database named in DATABASE_URL does not exist: create it"), first);
      assertTrue(first.endsWith("; retrying in 1000 ms"), first);
      assertEquals(200, http.get("/health/live").status());
      assertEquals(503, http.get("/health/ready").status());
      assertFalse(gateway.gateway().migrated().isComplete());
    } finally {
      logger.detachAppender(captured);
    }
  }

  static List<String> warnings(ListAppender<ILoggingEvent> captured) {
    synchronized (captured.list) {
      return captured.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.startsWith("Database not ready")).toList();
    }
  }
}
