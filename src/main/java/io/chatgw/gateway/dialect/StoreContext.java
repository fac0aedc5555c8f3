package io.chatgw.gateway.dialect;

import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.PageRows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;

/**
 * What a dialect's store side may use: the pool, the per-call deadline, the clock, the bound of
 * a page's decoded rows ({@code pages.maxPageBytes}), and the directory of rooms, members and
 * users held in memory. {@code client} is where the page statements run: the pool, or one
 * connection of it ({@link #on}) when a statement must run after another one, in order; that
 * connection goes back to the pool as soon as the page's rows are read (before the directory is
 * asked for the page's users, which may need a connection of its own).
 */
public record StoreContext(Pool pool, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory,
    SqlClient client, SqlConnection connection) {

  public StoreContext(Pool pool, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory) {
    this(pool, deadlines, clock, maxPageBytes, directory, pool, null);
  }

  /** The same context, its statements sent on {@code connection} (pipelined behind what it already has). */
  public StoreContext on(SqlConnection connection) {
    return new StoreContext(pool, deadlines, clock, maxPageBytes, directory, connection, connection);
  }

  /**
   * Runs a page's prepared statement within the deadline, its rows collected as they arrive and
   * bounded by {@code pages.maxPageBytes}; a page over it fails with {@code tooLargeStatus}.
   */
  public Future<List<Row>> page(String sql, Tuple args, int tooLargeStatus) {
    PageRows pageRows = new PageRows(maxPageBytes, tooLargeStatus);
    Future<List<Row>> rows = deadlines.bound(client.preparedQuery(sql).collecting(pageRows.collector()).execute(args))
        .map(result -> pageRows.rows(result.value()));
    return connection == null ? rows : rows.eventually(connection::close);
  }
}
