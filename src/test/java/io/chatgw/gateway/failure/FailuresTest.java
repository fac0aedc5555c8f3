package io.chatgw.gateway.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one rule from a failure to a status, for the history path and the admin API alike. */
class FailuresTest {

  @ParameterizedTest(name = "SQLSTATE {0} is {1}")
  @CsvSource({
      "08006, 503", "08001, 503", "40001, 503", "40P01, 503", "53300, 503", "57014, 503", "57P01, 503",
      "23505, 400", "23503, 400",
      "42P01, 500", "42883, 500", "22021, 500", "XX000, 500"})
  void sqlStateClasses(String sqlState, int status) {
    PgException pg = new PgException("m", "ERROR", sqlState, null);
    assertEquals(status, Failures.ofDatabase(pg).status());
    assertEquals(status, Failures.databaseStatus(pg));
    assertEquals(status, Failures.ofDatabase(new VertxException("wrapped", pg)).status(), "found among the causes");
  }

  @Test
  void aCallThatNeverCompletedIs503() {
    for (Throwable cause : new Throwable[] {new TimeoutException("deadline"),
        new ConnectionPoolTooBusyException("wait queue full"), new ConnectException("refused"),
        ClosedConnectionException.INSTANCE, new VertxException("Connection reset")}) {
      assertEquals(503, Failures.ofDatabase(cause).status(), cause.toString());
    }
  }

  @Test
  void aGatewayErrorKeepsItsStatus() {
    GatewayError error = GatewayError.of(404, "detail");
    assertSame(error, Failures.of(error));
    assertSame(error, Failures.ofDatabase(error));
  }

  @Test
  void anUnansweredBusRequestIs503AndAnythingElseA500() {
    assertEquals(503, Failures.of(new ReplyException(ReplyFailure.TIMEOUT, "late")).status());
    assertEquals(503, Failures.of(new ReplyException(ReplyFailure.NO_HANDLERS, "none")).status());
    assertEquals(500, Failures.of(new NullPointerException()).status());
  }
}
