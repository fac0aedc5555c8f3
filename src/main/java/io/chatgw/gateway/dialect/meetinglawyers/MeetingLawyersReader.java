package io.chatgw.gateway.dialect.meetinglawyers;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.ConditionalRead;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The room (by number, in the caller's tenant) and the caller's membership come from the
 * directory: not found is 404, not a member 403. Then one query reads the page (with the room's
 * change position, the 200's tag: {@code ConditionalRead.read}), a keyset
 * range scan on (room_pk, created_at, seq) from either end or from the pivot (looked up within the
 * room, deleted or not; not found is 400), and the senders' and recipients' ids come from the
 * directory again.
 */
final class MeetingLawyersReader {

  /** The page's columns ({@link Column}), what MessageEntity renders. */
  private static final String COLUMNS = """
      c.sender_pk, c.recipient_pk, c.id, c.status, c.type, c.text, c.att_url, c.att_name, c.att_size,
      c.att_width, c.att_height, c.att_thumbnail_url, c.created_at""";

  /** The positions of {@link #COLUMNS}. */
  static final class Column {
    static final int FROM = 0;
    static final int TO = 1;
    static final int ID = 2;
    static final int STATUS = 3;
    static final int TYPE = 4;
    static final int TEXT = 5;
    static final int URL = 6;
    static final int NAME = 7;
    static final int SIZE = 8;
    static final int WIDTH = 9;
    static final int HEIGHT = 10;
    static final int THUMBNAIL = 11;
    static final int CREATED = 12;
    /** The room's last_change_pos in the page's snapshot: the conditional read's tag (issue 12). */
    static final int POSITION = 13;

    private Column() {}
  }

  /**
   * No pivot: $1 room key, $2 limit; the room's newest live messages, newest first, each with the
   * room's position. The room's row is the nested loop's one outer row, so the rows come out in the
   * lateral page's order; an empty room is one row without a message id, no row a room gone.
   */
  static final String SELECT_NEWEST = "SELECT p.*, r.last_change_pos FROM room r LEFT JOIN LATERAL (SELECT "
      + COLUMNS + """

          FROM message c
         WHERE c.room_pk = $1 AND NOT c.deleted
         ORDER BY c.created_at DESC, c.seq DESC
         LIMIT $2) p ON true
       WHERE r.pk = $1""";

  /**
   * $3 tenant, $4 pivot id: the pivot of this room, then the page next to it, lateral-joined, each
   * row with the room's position (an init plan: one probe of its key). No row: no such pivot in
   * the room. A row without a message id: nothing on that side of it.
   */
  private static final String BESIDE_PIVOT = "SELECT " + COLUMNS.replace("c.", "m.")
      + ", (SELECT r.last_change_pos FROM room r WHERE r.pk = $1)" + """

        FROM (SELECT p.created_at, p.seq FROM message p
               WHERE p.tenant_id = $3 AND p.id = $4 AND p.room_pk = $1) p
        LEFT JOIN LATERAL (
          SELECT %s
            FROM message c
           WHERE c.room_pk = $1 AND NOT c.deleted AND (c.created_at, c.seq) %s (p.created_at, p.seq)
           ORDER BY c.created_at %s, c.seq %s
           LIMIT $2) m ON true""";

  /** Pivot, older: the live messages just before it, newest first. */
  static final String SELECT_BEFORE_PIVOT = BESIDE_PIVOT.formatted(COLUMNS, "<", "DESC", "DESC");

  /** Pivot, newer: the live messages just after it, oldest first. */
  static final String SELECT_AFTER_PIVOT = BESIDE_PIVOT.formatted(COLUMNS, ">", "ASC", "ASC");

  private MeetingLawyersReader() {}

  static Future<HistoryReply> read(HistoryRequest request, MeetingLawyersParams params, StoreContext store) {
    Principal caller = request.principal();
    ConditionalRead conditional = ConditionalRead.start(store, request, false);
    return store.directory().roomByNumber(caller.tenantId(), params.roomNumber())
        .compose(room -> room.isEmpty()
            ? Future.failedFuture(GatewayError.of(MeetingLawyersErrors.ROOM_NOT_FOUND))
            : store.directory().isMember(room.get(), caller.userId()).compose(member -> member
                ? conditional.read(room.get(), () -> page(room.get(), caller, params, store))
                : Future.failedFuture(GatewayError.of(MeetingLawyersErrors.NOT_MEMBER))));
  }

  private static Future<ConditionalRead.Positioned> page(Room room, Principal caller, MeetingLawyersParams params,
      StoreContext store) {
    Tuple args = Tuple.of(room.pk(), params.limit());
    String sql = SELECT_NEWEST;
    if (params.pivot() != null) {
      args.addString(caller.tenantId()).addString(params.pivot());
      sql = params.older() ? SELECT_BEFORE_PIVOT : SELECT_AFTER_PIVOT;
    }
    boolean newestFirst = params.pivot() == null || params.older();
    return store.page(room.tenantId(), sql, args, 400).compose(rows -> {
      if (params.pivot() != null && rows.isEmpty()) {
        return Future.failedFuture(GatewayError.of(MeetingLawyersErrors.BAD_REQUEST,
            MeetingLawyersParams.BAD_PIVOT));
      }
      List<Row> page = messages(rows, newestFirst);
      Long position = rows.isEmpty() ? null : rows.get(0).getLong(Column.POSITION); // no row: the room went away
      return store.directory().users(MessageEntity.userPks(page)).map(users -> new ConditionalRead.Positioned(
          new HistoryReply(200, MessageEntity.renderAll(page, users, params.roomNumber())), position));
    });
  }

  /** The rows with a message, oldest first (a pivot's row without one is an empty page). */
  private static List<Row> messages(List<Row> rows, boolean newestFirst) {
    List<Row> page = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.getString(Column.ID) != null) {
        page.add(row);
      }
    }
    if (newestFirst) {
      java.util.Collections.reverse(page);
    }
    return page;
  }
}
