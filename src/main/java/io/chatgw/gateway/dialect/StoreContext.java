package io.chatgw.gateway.dialect;

import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.PageRows;
import io.chatgw.gateway.store.ReadPools;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * What a dialect's store side may use: where pages are read ({@code reads}: a replica that has
 * replayed the newest import, else the primary), the per-call deadline, the clock, the bound of a
 * page's decoded rows ({@code pages.maxPageBytes}), and the directory of rooms, members and users
 * held in memory (read from the primary). {@code connection}, when set ({@link #on}), is one
 * connection of the pool {@code reads} chose, on which the page statements run after what was
 * already sent on it, in order (a conditional read's position, then the page); it goes back to
 * its pool as soon as the page's rows are read (before the directory is asked for the page's
 * users, which may need a connection of its own). {@code positions} reads rooms' change
 * positions for conditional polls, many to a statement.
 */
public record StoreContext(ReadPools reads, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory,
    RoomPositions positions, SqlConnection connection) {

  /** Polls of one event loop waiting for their rooms' positions, when no bound is given (tests). */
  static final int DEFAULT_WAITING_POLLS = 1024;

  /** {@code maxWaitingPolls}: see {@link RoomPositions}. */
  public StoreContext(ReadPools reads, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory,
      int maxWaitingPolls) {
    this(reads, deadlines, clock, maxPageBytes, directory, new RoomPositions(reads, maxWaitingPolls), null);
  }

  /** Every page read on {@code pool}. */
  public StoreContext(Pool pool, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory) {
    this(ReadPools.primaryOnly(pool, deadlines), deadlines, clock, maxPageBytes, directory, DEFAULT_WAITING_POLLS);
  }

  /** The same context, its statements sent on {@code connection} (pipelined behind what it already has). */
  public StoreContext on(SqlConnection connection) {
    return new StoreContext(reads, deadlines, clock, maxPageBytes, directory, positions, connection);
  }

  /**
   * Runs {@code call} with a connection of the pool that serves this read (a fresh replica, else the
   * primary; read once more on the primary when a replica is lost under it), within the deadline;
   * the connection goes back to its pool when the call ends, if {@link #page} has not given it back.
   */
  public <T> Future<T> withReadConnection(Function<SqlConnection, Future<T>> call) {
    return reads.readPooled(pool -> pool.getConnection()
        .compose(conn -> call.apply(conn).eventually(conn::close)));
  }

  /**
   * Runs {@code call}'s statements on {@link #connection} when there is one (it stays open for the
   * page; {@link #withReadConnection}, which gave it, bounds the whole read by the deadline and
   * sees its raw failures, so that a lost replica's read is read again on the primary), else on
   * the pool {@code reads} chooses, within the deadline.
   */
  public <T> Future<T> query(Function<SqlClient, Future<T>> call) {
    return connection == null ? reads.read(call) : call.apply(connection);
  }

  /**
   * Runs a page's prepared statement within the deadline, its rows collected as they arrive and
   * bounded by {@code pages.maxPageBytes}; a page over it fails with {@code tooLargeStatus}. On
   * {@link #connection} when there is one (given back once the rows are in; bounded as
   * {@link #query} says), else on the pool {@code reads} chooses.
   */
  public Future<List<Row>> page(String sql, Tuple args, int tooLargeStatus) {
    if (connection == null) {
      return reads.read(client -> rows(client.preparedQuery(sql), args, tooLargeStatus));
    }
    return rows(connection.preparedQuery(sql), args, tooLargeStatus).eventually(connection::close);
  }

  private Future<List<Row>> rows(io.vertx.sqlclient.PreparedQuery<io.vertx.sqlclient.RowSet<Row>> query, Tuple args,
      int tooLargeStatus) {
    PageRows pageRows = new PageRows(maxPageBytes, tooLargeStatus);
    return query.collecting(pageRows.collector()).execute(args).map(result -> pageRows.rows(result.value()));
  }
}
