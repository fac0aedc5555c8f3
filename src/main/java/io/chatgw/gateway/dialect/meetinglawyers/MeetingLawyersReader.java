package io.chatgw.gateway.dialect.meetinglawyers;

import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * One query per request: the room (by number, in the caller's tenant) with the caller's
 * membership, the pivot (only looked up for a member, only within that room), and the page,
 * lateral-joined. No row at all: 404. A row whose {@code member} is false: 403. A pivot that
 * was asked for and not found in the room: 400. Otherwise the rows with a message are the page.
 * Every page is a keyset range scan on (room_pk, created_at, seq), from either end or the pivot.
 * The three statements share their parts, whose {@code %s} slots are filled once, at class load,
 * with SQL text of this class (input only ever travels as $n parameters).
 */
final class MeetingLawyersReader {

  /**
   * The answer's columns ({@link Column}): the room's flags, then the message MessageEntity renders. $1
   * tenant, $2 room number, $3 user id: the room in the caller's tenant, with the membership.
   */
  private static final String ROOM = """
      SELECT r.member, %s AS pivot_found, m.from_user_id, m.to_user_id, m.id, m.status, m.type,
             m.text, m.att_url, m.att_name, m.att_size, m.att_width, m.att_height, m.att_thumbnail_url,
             m.created_at
        FROM (SELECT r.pk,
                     EXISTS (SELECT 1 FROM app_user u JOIN room_member rm ON rm.user_pk = u.pk
                              WHERE u.tenant_id = $1 AND u.id = $3 AND rm.room_pk = r.pk) AS member
                FROM room r
               WHERE r.tenant_id = $1 AND r.number = $2) r
      """;

  /** The positions of {@link #ROOM}'s columns, in its SELECT list's order. */
  static final class Column {
    static final int MEMBER = 0;
    static final int PIVOT_FOUND = 1;
    static final int FROM = 2;
    static final int TO = 3;
    static final int ID = 4;
    static final int STATUS = 5;
    static final int TYPE = 6;
    static final int TEXT = 7;
    static final int URL = 8;
    static final int NAME = 9;
    static final int SIZE = 10;
    static final int WIDTH = 11;
    static final int HEIGHT = 12;
    static final int THUMBNAIL = 13;
    static final int CREATED = 14;

    private Column() {}
  }

  /** $5 pivot id: looked up only for a member, only in this room, deleted or not. */
  private static final String PIVOT = """
        LEFT JOIN LATERAL (
          SELECT p.created_at, p.seq FROM message p
           WHERE r.member AND p.tenant_id = $1 AND p.id = $5 AND p.room_pk = r.pk) p ON true
      """;

  /**
   * $4 live messages of the room on the index (room_pk, created_at, seq), from where the keyset
   * condition starts, in the given direction; then their sender and recipient ids.
   */
  private static final String PAGE = """
        LEFT JOIN LATERAL (
          SELECT s.id AS from_user_id, t.id AS to_user_id, pg.id, pg.status, pg.type, pg.text, pg.att_url,
                 pg.att_name, pg.att_size, pg.att_width, pg.att_height, pg.att_thumbnail_url, pg.created_at,
                 pg.seq
            FROM (SELECT c.id, c.sender_pk, c.recipient_pk, c.status, c.type, c.text, c.att_url,
                         c.att_name, c.att_size, c.att_width, c.att_height, c.att_thumbnail_url,
                         c.created_at, c.seq
                    FROM message c
                   WHERE r.member AND c.room_pk = r.pk AND NOT c.deleted %s
                   ORDER BY c.created_at %s, c.seq %s
                   LIMIT $4) pg
            JOIN app_user s ON s.pk = pg.sender_pk
            LEFT JOIN app_user t ON t.pk = pg.recipient_pk) m ON true
       ORDER BY m.created_at, m.seq""";

  /** No pivot: the room's newest {@code $4} live messages. */
  static final String SELECT_NEWEST = ROOM.formatted("true")
      + PAGE.formatted("", "DESC", "DESC");

  /** Pivot, older: the {@code $4} live messages just before the pivot in (created_at, seq). */
  static final String SELECT_BEFORE_PIVOT = ROOM.formatted("p.seq IS NOT NULL") + PIVOT
      + PAGE.formatted("AND (c.created_at, c.seq) < (p.created_at, p.seq)", "DESC", "DESC");

  /** Pivot, newer: the {@code $4} live messages just after the pivot in (created_at, seq). */
  static final String SELECT_AFTER_PIVOT = ROOM.formatted("p.seq IS NOT NULL") + PIVOT
      + PAGE.formatted("AND (c.created_at, c.seq) > (p.created_at, p.seq)", "ASC", "ASC");

  private MeetingLawyersReader() {}

  static Future<HistoryReply> read(Principal caller, MeetingLawyersParams params, StoreContext store) {
    Tuple args = Tuple.of(caller.tenantId(), params.roomNumber(), caller.userId(), params.limit());
    String sql = SELECT_NEWEST;
    if (params.pivot() != null) {
      args.addString(params.pivot());
      sql = params.older() ? SELECT_BEFORE_PIVOT : SELECT_AFTER_PIVOT;
    }
    return store.page(sql, args, 400)
        .compose(rows -> answer(rows, params));
  }

  private static Future<HistoryReply> answer(List<Row> rows, MeetingLawyersParams params) {
    if (rows.size() == 0) {
      return Future.failedFuture(GatewayError.of(MeetingLawyersErrors.ROOM_NOT_FOUND));
    }
    Row first = rows.iterator().next();
    if (!first.getBoolean(Column.MEMBER)) {
      return Future.failedFuture(GatewayError.of(MeetingLawyersErrors.NOT_MEMBER));
    }
    if (params.pivot() != null && !first.getBoolean(Column.PIVOT_FOUND)) {
      return Future.failedFuture(GatewayError.of(MeetingLawyersErrors.BAD_REQUEST,
          MeetingLawyersParams.BAD_PIVOT));
    }
    return Future.succeededFuture(new HistoryReply(200, MessageEntity.renderAll(rows, params.roomNumber())));
  }
}
