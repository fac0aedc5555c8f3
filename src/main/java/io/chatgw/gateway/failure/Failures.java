package io.chatgw.gateway.failure;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.pgclient.PgException;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule that turns a failure into the gateway's status, for the history routes and the
 * admin API alike. A {@link GatewayError} keeps its status. A database call that failed: SQLSTATE
 * classes 08 (connection), 40 (deadlock, serialization), 53 (resources) and 57 (shutting down,
 * statement timeout) and every failure without an SQLSTATE (the deadline, the pool's wait queue
 * full, a connection refused, closed or reset: the call never completed) are 503; class 23 (a
 * constraint) is 400; any other SQLSTATE is a bug of ours, logged here and a 500. An event-bus
 * request nobody answered (no consumer, no reply in time) is 503. Anything else is a 500, which the
 * caller logs with its context.
 */
public final class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  public static final int BAD_DATA = 400;
  public static final int INTERNAL = 500;

  private Failures() {}

  /** Any failure as the error it is answered with (a database failure: see {@link #ofDatabase}). */
  public static GatewayError of(Throwable cause) {
    if (cause instanceof GatewayError error) {
      return error;
    }
    if (cause instanceof ReplyException) {
      return GatewayError.unavailable();
    }
    return GatewayError.of(INTERNAL);
  }

  /** The failure of a database call as the error it is answered with; a 500 is logged here. */
  public static GatewayError ofDatabase(Throwable cause) {
    if (cause instanceof GatewayError error) {
      return error;
    }
    Optional<PgException> pg = pgException(cause);
    return switch (databaseStatus(cause)) {
      case GatewayError.UNAVAILABLE -> GatewayError.unavailable();
      case BAD_DATA -> GatewayError.of(BAD_DATA,
          "the data breaks a store constraint (" + pg.map(PgException::getConstraint).orElse(null) + ")");
      default -> {
        log.error("Database call failed with SQLSTATE {}", pg.map(PgException::getSqlState).orElse(null), cause);
        yield GatewayError.of(INTERNAL);
      }
    };
  }

  /** The status of a failed database call (see the class comment), without logging anything. */
  public static int databaseStatus(Throwable cause) {
    if (cause instanceof GatewayError error) {
      return error.status();
    }
    return pgException(cause).map(pg -> switch (pg.getSqlState().substring(0, 2)) {
      case "08", "40", "53", "57" -> GatewayError.UNAVAILABLE;
      case "23" -> BAD_DATA;
      default -> INTERNAL;
    }).orElse(GatewayError.UNAVAILABLE);
  }

  /** The SQLSTATE the failure (or one of its causes) carries. */
  public static Optional<String> sqlState(Throwable cause) {
    return pgException(cause).map(PgException::getSqlState);
  }

  private static Optional<PgException> pgException(Throwable cause) {
    return causes(cause).filter(t -> t instanceof PgException pg && pg.getSqlState() != null
        && pg.getSqlState().length() == 5).map(PgException.class::cast).findFirst();
  }

  /** The failure and its causes, at most 16 deep (a cause chain can loop). */
  public static Stream<Throwable> causes(Throwable failure) {
    return Stream.iterate(failure, t -> t != null, Throwable::getCause).limit(16);
  }
}
