package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The start-up migration's retries: a mistake an operator must fix (SQLSTATE 28P01, 28000,
 * 3D000, 42501) is logged with a hint and retried from 1 s doubling to 30 s; a server that is
 * not up yet is retried from 1 s doubling to 5 s.
 */
class MigrationRetryTest {

  static PgException pg(String sqlState) {
    return new PgException("boom", "FATAL", sqlState, null);
  }

  static List<Long> firstSevenDelays(Throwable failure) {
    return IntStream.rangeClosed(1, 7).mapToObj(n -> DatabaseHints.backoff(failure).delayMillis(n)).toList();
  }

  @Test
  void operatorMistakesBackOffFromOneSecondDoublingToThirty() {
    for (String sqlState : List.of("28P01", "28000", "3D000", "42501", "42P07")) {
      assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L), firstSevenDelays(pg(sqlState)), sqlState);
    }
    assertEquals(30_000L, DatabaseHints.backoff(pg("3D000")).delayMillis(Integer.MAX_VALUE));
  }

  @Test
  void aServerNotUpYetBacksOffToFiveSeconds() {
    List<Long> short5 = List.of(1000L, 2000L, 4000L, 5000L, 5000L, 5000L, 5000L);
    assertEquals(short5, firstSevenDelays(new RuntimeException(new ConnectException("Connection refused"))));
    assertEquals(short5, firstSevenDelays(pg("57P03")), "the database system is starting up");
    assertEquals(short5, firstSevenDelays(pg("08006")));
  }

  @Test
  void eachOperatorMistakeComesWithAHint() {
    assertEquals(Optional.of("authentication failed for the DATABASE_URL user: check the user and password"),
        DatabaseHints.hint(pg("28P01")));
    assertTrue(DatabaseHints.hint(pg("28000")).orElseThrow().contains("pg_hba.conf"));
    assertTrue(DatabaseHints.hint(new RuntimeException(pg("3D000"))).orElseThrow()
        .startsWith("the database named in DATABASE_URL does not exist"));
    assertTrue(DatabaseHints.hint(pg("42501")).orElseThrow()
        .startsWith("the DATABASE_URL user lacks a privilege: "));
    assertTrue(DatabaseHints.hint(new ConnectException("refused")).orElseThrow().contains("host and port"));
    assertEquals(Optional.empty(), DatabaseHints.hint(pg("42P07")));
  }
}
