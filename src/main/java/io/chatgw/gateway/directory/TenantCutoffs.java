package io.chatgw.gateway.directory;

import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.Set;

/**
 * The position of a tenant's N-th newest live message (Mirage's cap: a room shows only what is
 * among its tenant's N newest). Read once per tenant on the partial index message_tenant_live,
 * an index-only scan of N entries, and kept until a change of the tenant's messages.
 */
final class TenantCutoffs {

  static final String SELECT_CUTOFF = """
      SELECT created_at, seq FROM message
       WHERE tenant_id = $1 AND NOT deleted
       ORDER BY created_at DESC, seq DESC
      OFFSET $2 LIMIT 1""";

  record Key(String tenantId, int n) {}

  private final Pool pool;
  private final Deadlines deadlines;
  /** Empty: the tenant has fewer than N live messages, so the cap keeps them all. */
  private final FreshCache<Key, Optional<Cutoff>> cutoffs;

  TenantCutoffs(Pool pool, Deadlines deadlines, int maxEntries, int maxAgeSeconds) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.cutoffs = new FreshCache<>(maxEntries, (key, cutoff) -> 1, maxAgeSeconds);
  }

  Future<Optional<Cutoff>> nthNewest(String tenantId, int n) {
    return cutoffs.get(new Key(tenantId, n), key -> deadlines.bound(
            pool.preparedQuery(SELECT_CUTOFF).execute(Tuple.of(key.tenantId(), (long) key.n() - 1)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Cutoff(row.getOffsetDateTime(0), row.getLong(1)));
        }));
  }

  void dropTenants(Set<String> tenants) {
    cutoffs.dropIf((key, cutoff) -> tenants.contains(key.tenantId()));
  }

  void dropAll() {
    cutoffs.dropAll();
  }
}
