package io.chatgw.gateway.store;

import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import java.net.ConnectException;
import java.util.Map;
import java.util.Optional;

/**
 * Advice on a failed start-up migration: what the operator should check (by SQLSTATE) and how
 * soon to retry. A wrong password or a missing database stays wrong until someone acts, so
 * those retries back off to 30 s; a server that is not up yet is retried more often (up to 5 s).
 */
public final class DatabaseHints {

  static final Backoff NEEDS_OPERATOR = new Backoff(1000, 30_000);
  static final Backoff NOT_UP_YET = new Backoff(1000, 5_000);

  private static final Map<String, String> BY_SQLSTATE = Map.of(
      "28P01", "authentication failed for the DATABASE_URL user: check the user and password",
      "28000", "the server does not let the DATABASE_URL user in: check that the role exists, may log in "
          + "and has a pg_hba.conf entry for this host",
      "3D000", "the database named in DATABASE_URL does not exist: create it (createdb) or fix the name",
      "42501", "the DATABASE_URL user lacks a privilege: the migration creates tables and functions, so it "
          + "needs CREATE on the schema (public) and ownership of the gateway's tables, e.g. "
          + "GRANT CREATE ON SCHEMA public TO <user> or make it the database's owner (PostgreSQL 15+ no longer "
          + "grants CREATE on public to every user)");

  private DatabaseHints() {}

  public static Optional<String> hint(Throwable failure) {
    Optional<String> bySqlState = Failures.sqlState(failure).map(BY_SQLSTATE::get);
    if (bySqlState.isPresent()) {
      return bySqlState;
    }
    return refused(failure)
        ? Optional.of("nothing accepts connections at the DATABASE_URL host and port (yet)")
        : Optional.empty();
  }

  public static Backoff backoff(Throwable failure) {
    return needsOperator(failure) ? NEEDS_OPERATOR : NOT_UP_YET;
  }

  /**
   * True when the server answered with an error that waits for a person (authentication,
   * missing database, privileges, a failing migration); false for a refused or lost connection
   * and for the server's own transient states (SQLSTATE classes 08, 53, 57: connection,
   * resources, starting up or shutting down; 40, a deadlock: the classes {@link Failures} answers
   * 503).
   */
  static boolean needsOperator(Throwable failure) {
    return Failures.sqlState(failure).isPresent()
        && Failures.databaseStatus(failure) != GatewayError.UNAVAILABLE;
  }

  private static boolean refused(Throwable failure) {
    return Failures.causes(failure).anyMatch(t -> t instanceof ConnectException);
  }
}
