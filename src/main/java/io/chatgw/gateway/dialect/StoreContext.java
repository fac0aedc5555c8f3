package io.chatgw.gateway.dialect;

import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.PageRows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;

/**
 * What a dialect's store side may use: the pool, the per-call deadline, the clock, the bound of
 * a page's decoded rows ({@code pages.maxPageBytes}), and the directory of rooms, members and
 * users held in memory.
 */
public record StoreContext(Pool pool, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory) {

  /**
   * Runs a page's prepared statement within the deadline, its rows collected as they arrive and
   * bounded by {@code pages.maxPageBytes}; a page over it fails with {@code tooLargeStatus}.
   */
  public Future<List<Row>> page(String sql, Tuple args, int tooLargeStatus) {
    PageRows pageRows = new PageRows(maxPageBytes, tooLargeStatus);
    return deadlines.bound(pool.preparedQuery(sql).collecting(pageRows.collector()).execute(args))
        .map(result -> pageRows.rows(result.value()));
  }
}
