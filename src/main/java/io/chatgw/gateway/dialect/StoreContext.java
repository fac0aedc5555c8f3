package io.chatgw.gateway.dialect;

import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.PageRows;
import io.chatgw.gateway.store.ReadPools;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * What a dialect's store side may use: where pages are read ({@code reads}: a replica that has
 * replayed the newest import, else the primary), the per-call deadline, the clock, the bound of a
 * page's decoded rows ({@code pages.maxPageBytes}), and the directory of rooms, members and users
 * held in memory (read from the primary). Every statement is a read of its own: a page's
 * statement reads the room's change position in its own snapshot ({@code ConditionalRead}), so
 * no read holds a connection across two. {@code positions} reads rooms' change positions for
 * conditional polls, many to a statement.
 */
public record StoreContext(ReadPools reads, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory,
    RoomPositions positions) {

  /** Polls of one event loop waiting for their rooms' positions, when no bound is given (tests). */
  static final int DEFAULT_WAITING_POLLS = 1024;

  /** {@code maxWaitingPolls}: see {@link RoomPositions}. */
  public StoreContext(ReadPools reads, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory,
      int maxWaitingPolls) {
    this(reads, deadlines, clock, maxPageBytes, directory, new RoomPositions(reads, maxWaitingPolls));
  }

  /** Every page read on {@code pool}. */
  public StoreContext(Pool pool, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory) {
    this(ReadPools.primaryOnly(pool, deadlines), deadlines, clock, maxPageBytes, directory, DEFAULT_WAITING_POLLS);
  }

  /** Runs {@code call}'s statements, a read of {@code tenant}'s, where {@code reads} chooses, within the deadline. */
  public <T> Future<T> query(String tenant, Function<SqlClient, Future<T>> call) {
    return reads.read(tenant, call);
  }

  /**
   * Runs a page's prepared statement, a read of {@code tenant}'s, where {@code reads} chooses, within the deadline, its rows
   * collected as they arrive and bounded by {@code pages.maxPageBytes}; a page over it fails with
   * {@code tooLargeStatus}.
   */
  public Future<List<Row>> page(String tenant, String sql, Tuple args, int tooLargeStatus) {
    return reads.read(tenant, client -> rows(client.preparedQuery(sql), args, tooLargeStatus));
  }

  private Future<List<Row>> rows(PreparedQuery<RowSet<Row>> query, Tuple args, int tooLargeStatus) {
    PageRows pageRows = new PageRows(maxPageBytes, tooLargeStatus);
    return query.collecting(pageRows.collector()).execute(args).map(result -> pageRows.rows(result.value()));
  }
}
