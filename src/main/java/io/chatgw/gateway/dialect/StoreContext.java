package io.chatgw.gateway.dialect;

import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.store.Deadlines;
import io.chatgw.gateway.store.PageRows;
import io.chatgw.gateway.store.ReadPools;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;

/**
 * What a dialect's store side may use: where pages are read (a replica that has replayed the
 * newest import, else the primary), the per-call deadline, the clock, the bound of a page's
 * decoded rows ({@code pages.maxPageBytes}), and the directory of rooms, members and users held in
 * memory (read from the primary).
 */
public record StoreContext(ReadPools reads, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory) {

  /** Every page read on {@code pool}. */
  public StoreContext(Pool pool, Deadlines deadlines, Clock clock, long maxPageBytes, Directory directory) {
    this(ReadPools.primaryOnly(pool, deadlines), deadlines, clock, maxPageBytes, directory);
  }

  /**
   * Runs a page's prepared statement within the deadline (once more on the primary when a replica
   * is lost under it), its rows collected as they arrive and
   * bounded by {@code pages.maxPageBytes}; a page over it fails with {@code tooLargeStatus}.
   */
  public Future<List<Row>> page(String sql, Tuple args, int tooLargeStatus) {
    return reads.read(client -> {
      PageRows pageRows = new PageRows(maxPageBytes, tooLargeStatus);
      return client.preparedQuery(sql).collecting(pageRows.collector()).execute(args)
          .map(result -> pageRows.rows(result.value()));
    });
  }
}
