package io.chatgw.gateway.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the first room, in write order, whose {@code number} another room of its tenant holds at
 * that point: in the store, or given earlier in the same batch. The rooms that give a number are
 * written in input order before those that do not (which take the tenant's highest number + 1),
 * so this replays exactly what the unique index would see. One query, whatever the batch size.
 */
final class RoomNumbers {

  /** The stored rooms that hold one of the wanted numbers, or are one of the batch's rooms. */
  static final String SELECT_HOLDERS = """
      SELECT r.tenant_id, r.id, r.number FROM unnest($1::text[], $2::bigint[]) AS x(t, n)
        JOIN room r ON r.tenant_id = x.t AND r.number = x.n
      UNION
      SELECT r.tenant_id, r.id, r.number FROM unnest($1::text[], $3::text[]) AS x(t, i)
        JOIN room r ON r.tenant_id = x.t AND r.id = x.i""";

  private final Map<String, String> holderOfNumber = new HashMap<>();
  private final Map<String, Long> numberOfRoom = new HashMap<>();

  private RoomNumbers() {}

  /** The error for the first room whose number is taken, or null; {@code numbered} in write order. */
  static Future<ImportError> firstTaken(SqlConnection conn, List<Entities.Room> numbered) {
    if (numbered.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] tenants = new String[numbered.size()];
    Long[] numbers = new Long[numbered.size()];
    String[] ids = new String[numbered.size()];
    for (int i = 0; i < numbered.size(); i++) {
      tenants[i] = numbered.get(i).tenant();
      numbers[i] = numbered.get(i).number();
      ids[i] = numbered.get(i).id();
    }
    RoomNumbers replay = new RoomNumbers();
    return conn.preparedQuery(SELECT_HOLDERS)
        .execute(Tuple.tuple().addArrayOfString(tenants).addArrayOfLong(numbers).addArrayOfString(ids))
        .map(rows -> {
          for (Row row : rows) {
            replay.hold(row.getString(0), row.getString(1), row.getLong(2));
          }
          return replay.walk(numbered);
        });
  }

  private ImportError walk(List<Entities.Room> numbered) {
    for (Entities.Room room : numbered) {
      String holder = holderOfNumber.get(key(room.tenant(), room.number()));
      if (holder != null && !holder.equals(room.id())) {
        return new ImportError(room.path() + ".number",
            "number " + room.number() + " is already the number of room '" + holder + "'");
      }
      hold(room.tenant(), room.id(), room.number());
    }
    return null;
  }

  /** Room {@code id} now has {@code number}; the number it had before is free again. */
  private void hold(String tenant, String id, long number) {
    Long before = numberOfRoom.put(key(tenant, id), number);
    if (before != null) {
      holderOfNumber.remove(key(tenant, before));
    }
    holderOfNumber.put(key(tenant, number), id);
  }

  private static String key(String tenant, Object idOrNumber) {
    return tenant + '\u0000' + idOrNumber;
  }
}
