package io.chatgw.gateway.support;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

/**
 * A table held in ACCESS EXCLUSIVE mode by an open transaction of the test, until released: what
 * makes a gateway's request wait honestly in PostgreSQL. Use it in try-with-resources, so that a
 * failing test does not leave the lock held (every later test reading the table would stall).
 */
public final class TableLock implements AutoCloseable {

  /** The gateway's sessions waiting for a lock (only the test's is held meanwhile). */
  static final String WAITING = """
      SELECT count(*) FROM pg_stat_activity
       WHERE application_name = 'chat-history-gateway' AND wait_event_type = 'Lock'""";

  private final TestGateway gateway;
  private final SqlConnection holder;
  private final Transaction tx;
  private boolean released;

  private TableLock(TestGateway gateway, SqlConnection holder, Transaction tx) {
    this.gateway = gateway;
    this.holder = holder;
    this.tx = tx;
  }

  /** Locks {@code table} in {@code gateway}'s database. */
  public static TableLock hold(TestGateway gateway, String table) {
    SqlConnection holder = gateway.sql().getConnection().await();
    try {
      Transaction tx = holder.begin().await();
      holder.query("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE").execute().await();
      return new TableLock(gateway, holder, tx);
    } catch (RuntimeException e) {
      holder.close().await();
      throw e;
    }
  }

  /** How many of the gateway's statements wait for a lock now. */
  public long waiters() {
    return gateway.sql().query(WAITING).execute().await().iterator().next().getLong(0);
  }

  /** Ends the transaction, and with it the lock; once only. */
  public void release() {
    if (!released) {
      released = true;
      try {
        tx.rollback().await();
      } finally {
        holder.close().await();
      }
    }
  }

  @Override
  public void close() {
    release();
  }
}
