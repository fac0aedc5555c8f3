package io.chatgw.gateway.directory;

import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.Set;

/** Rooms by id and by number within their tenant; one that is not found is remembered as such. */
final class Rooms {

  private static final String COLUMNS = "SELECT pk, tenant_id, id, number, name FROM room";
  static final String SELECT_BY_ID = COLUMNS + " WHERE tenant_id = $1 AND id = $2";
  static final String SELECT_BY_NUMBER = COLUMNS + " WHERE tenant_id = $1 AND number = $2";

  record ById(String tenantId, String id) {}

  record ByNumber(String tenantId, long number) {}

  private final Pool pool;
  private final Deadlines deadlines;
  private final FreshCache<ById, Optional<Room>> byId;
  private final FreshCache<ByNumber, Optional<Room>> byNumber;

  Rooms(Pool pool, Deadlines deadlines, long maxBytes, int maxAgeSeconds) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.byId = new FreshCache<>(maxBytes / 2,
        (key, room) -> 48 + Heap.of(key.tenantId()) + Heap.of(key.id()) + room.map(Room::weight).orElse(0),
        maxAgeSeconds);
    this.byNumber = new FreshCache<>(maxBytes / 2,
        (key, room) -> 48 + Heap.of(key.tenantId()) + room.map(Room::weight).orElse(0), maxAgeSeconds);
  }

  Future<Optional<Room>> byId(String tenantId, String id) {
    return byId.get(new ById(tenantId, id), key -> load(SELECT_BY_ID, Tuple.of(key.tenantId(), key.id())));
  }

  Future<Optional<Room>> byNumber(String tenantId, long number) {
    return byNumber.get(new ByNumber(tenantId, number),
        key -> load(SELECT_BY_NUMBER, Tuple.of(key.tenantId(), key.number())));
  }

  private Future<Optional<Room>> load(String sql, Tuple args) {
    return deadlines.bound(pool.preparedQuery(sql).execute(args)).map(Rooms::first);
  }

  private static Optional<Room> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new Room(row.getLong(0), row.getString(1), row.getString(2), row.getLong(3),
        row.getString(4)));
  }

  void dropTenants(Set<String> tenants) {
    byId.dropIf((key, room) -> tenants.contains(key.tenantId()));
    byNumber.dropIf((key, room) -> tenants.contains(key.tenantId()));
  }

  void dropAll() {
    byId.dropAll();
    byNumber.dropAll();
  }
}
