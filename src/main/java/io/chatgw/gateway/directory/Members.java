package io.chatgw.gateway.directory;

import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;

/**
 * The member lists of rooms. A room's list is at most {@code imports.maxItems} long (an import
 * replaces it whole), so one entry is bounded too.
 */
final class Members {

  static final String SELECT_MEMBERS = "SELECT user_pk FROM room_member WHERE room_pk = $1";

  private final Pool pool;
  private final Deadlines deadlines;
  private final FreshCache<Long, RoomMembers> byRoom;

  Members(Pool pool, Deadlines deadlines, long maxBytes, int maxAgeSeconds) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.byRoom = new FreshCache<>(maxBytes, (pk, members) -> 24 + members.weight(), maxAgeSeconds);
  }

  Future<RoomMembers> of(Room room) {
    return byRoom.get(room.pk(), pk -> deadlines.bound(pool.preparedQuery(SELECT_MEMBERS).execute(Tuple.of(pk)))
        .map(rows -> {
          long[] pks = new long[rows.size()];
          int i = 0;
          for (Row row : rows) {
            pks[i++] = row.getLong(0);
          }
          return new RoomMembers(room.tenantId(), pks);
        }));
  }

  void dropTenants(Set<String> tenants) {
    byRoom.dropIf((pk, members) -> tenants.contains(members.tenantId()));
  }

  void dropAll() {
    byRoom.dropAll();
  }
}
