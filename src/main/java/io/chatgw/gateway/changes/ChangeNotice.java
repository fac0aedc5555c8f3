package io.chatgw.gateway.changes;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Tells every gateway instance on the database what a transaction changed: a {@code pg_notify}
 * sent on the transaction's own connection, so PostgreSQL delivers it only if the transaction
 * commits, and only once it has (a rolled-back import notifies nobody).
 */
public final class ChangeNotice {

  /** The channel every instance listens on. */
  public static final String CHANNEL = "chatgw_changes";

  static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', $1)";

  private ChangeNotice() {}

  /** Sends {@code change} (nothing when it is empty); call it inside the transaction that made it. */
  public static Future<Void> send(SqlClient transaction, Change change) {
    if (change.isEmpty()) {
      return Future.succeededFuture();
    }
    return transaction.preparedQuery(NOTIFY).execute(Tuple.of(ChangePayload.encode(change))).mapEmpty();
  }
}
