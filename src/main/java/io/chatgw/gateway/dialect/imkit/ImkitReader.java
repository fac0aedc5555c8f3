package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.ConditionalRead;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The room (by id, in the caller's tenant) and the caller's membership come from the directory:
 * not found is 404, not a member 403. Then one query reads both anchors (messages of that room; one
 * that is not there is the anchor 400) and, lateral-joined, the page alone, a keyset range scan on
 * (room_pk, K, seq); the senders' and reactors' profiles come from the directory again.
 */
final class ImkitReader {

  /** The positions of the statement's columns, what ImkitPage renders. */
  static final class Column {
    static final int COUNT_ALL = 0;
    static final int AFTER_OK = 1;
    static final int BEFORE_OK = 2;
    static final int AFTER_K = 3;
    static final int BEFORE_K = 4;
    static final int ID = 5;
    static final int TYPE = 6;
    static final int TEXT = 7;
    static final int PAYLOAD = 8;
    static final int CREATED = 9;
    static final int UPDATED = 10;
    static final int MESSAGE_TIME = 11;
    static final int DELETED = 12;
    static final int SENDER = 13;
    static final int HIDDEN = 14;
    static final int REACTION_USERS = 15;
    static final int REACTION_NAMES = 16;
    static final int REACTION_TIMES = 17;
    /** The room's last_change_pos in the page's snapshot: the conditional read's tag (issue 12). */
    static final int ROOM_POSITION = 18;

    private Column() {}
  }

  /**
   * {@code %1$s} is K's column, {@code %2$s} the page's order: DESC for the newest of the window,
   * ASC for the entries closest after its low end. The window is the open interval (low, high) of
   * the total order (K, seq): low is the larger of (afterTime, max seq) and the afterMessage anchor,
   * high the beforeMessage anchor. Parameters: $1 room key, $2 tenant, $3 afterTime, $4
   * afterMessage, $5 beforeMessage, $6 limit, $7 the caller's user key. One row per message, in the
   * page's order (no outer sort: the lateral page comes off K's index in that order); an empty
   * window gives one row without a message id; no row means the room is gone.
   *
   * <p>The range scan is inline rather than in imkit_page() (V002), which cost a plpgsql call and
   * a copy of every row into a tuplestore: the LIMIT depends on the anchors' row, so the planner
   * cannot know it and costs reading a tenth of the room's rows, for which the ordered index scan
   * is cheaper than a bitmap scan plus sort even when it takes a large room for the average one,
   * in custom and generic plans (the plan tests check every field). Hides and reactions are looked
   * up only for the messages flagged as having them (V008), as correlated subqueries gated by the
   * flag (an aggregating lateral join cost every row its set-up, flagged or not: LivePages); the
   * hide probe is a scalar subquery so that it stays a primary-key probe instead of becoming a hash
   * of all the caller's hides. Every
   * row also carries the room's {@code last_change_pos} from the same snapshot: the 200's tag needs
   * no statement of its own ({@code ConditionalRead.read}).
   */
  static final String SELECT_PAGE = "SELECT b.count_all, b.after_ok, b.before_ok, b.after_k, b.before_k, "
      + messageColumns("t", "$7") + ", b.last_change_pos" + """

        FROM (SELECT r.count_all, r.last_change_pos,
                     $4::text IS NULL OR a.seq IS NOT NULL AS after_ok,
                     $5::text IS NULL OR z.seq IS NOT NULL AS before_ok,
                     a.%1$s AS after_k, z.%1$s AS before_k,
                     CASE WHEN (a.%1$s, a.seq) > (COALESCE($3::timestamptz, '-infinity'), 9223372036854775807)
                          THEN a.%1$s ELSE COALESCE($3::timestamptz, '-infinity') END AS low_k,
                     CASE WHEN (a.%1$s, a.seq) > (COALESCE($3::timestamptz, '-infinity'), 9223372036854775807)
                          THEN a.seq ELSE 9223372036854775807 END AS low_seq,
                     COALESCE(z.%1$s, 'infinity') AS high_k, COALESCE(z.seq, 0) AS high_seq
                FROM room r
                LEFT JOIN message a ON a.tenant_id = $2 AND a.id = $4::text AND a.room_pk = r.pk
                LEFT JOIN message z ON z.tenant_id = $2 AND z.id = $5::text AND z.room_pk = r.pk
               WHERE r.pk = $1) b
        LEFT JOIN LATERAL (
          SELECT m.seq, m.id, m.type, m.text, m.payload, m.created_at, m.updated_at, m.message_time,
                 m.deleted, m.sender_pk, m.has_reactions, m.has_hides
            FROM message m
           WHERE m.room_pk = $1
             AND (m.%1$s, m.seq) > (b.low_k, b.low_seq) AND (m.%1$s, m.seq) < (b.high_k, b.high_seq)
           ORDER BY m.%1$s %2$s, m.seq %2$s
           LIMIT CASE WHEN b.after_ok AND b.before_ok THEN $6 ELSE 0 END) t ON true""";

  /**
   * The page without any filter (the common request): the room's newest entries by K, in the
   * columns of {@link #SELECT_PAGE} (both anchors "ok" and absent), so it renders alike. $1 room
   * key, $2 limit, $3 the caller's user key. No anchors to look up and no window to compute: its
   * plan is the room's row and one backward range scan, and its bind and execution cost
   * PostgreSQL less than the windowed statement's with empty filters (docs/performance.md). The
   * hides and reactions are computed by the page's own scan, for the flagged rows only; the room's
   * row is the nested loop's one outer row, so the rows come out in the scan's order.
   */
  static final String SELECT_UNFILTERED = """
      SELECT r.count_all, true, true, NULL::timestamptz, NULL::timestamptz, t.*, r.last_change_pos
        FROM room r
        LEFT JOIN LATERAL (
          SELECT""" + " " + messageColumns("m", "$3") + """

            FROM message m
           WHERE m.room_pk = $1
           ORDER BY m.%1$s %2$s, m.seq %2$s
           LIMIT $2) t ON true
       WHERE r.pk = $1""";

  /** {@link #SELECT_UNFILTERED} for each K. */
  static final Map<TimeRangeField, String> SELECT_UNFILTERED_PAGE = perField(SELECT_UNFILTERED, "DESC");

  /** The newest entries of the window: a backward scan from its high end. */
  static final Map<TimeRangeField, String> SELECT_NEWEST_PAGE = perField(SELECT_PAGE, "DESC");
  /** The entries closest after the window's low end: a forward scan, rendered newest first. */
  static final Map<TimeRangeField, String> SELECT_CLOSEST_AFTER_PAGE = perField(SELECT_PAGE, "ASC");

  private ImkitReader() {}

  /** {@code template} with K's column as {@code %1$s} and {@code order} as {@code %2$s}, for each K. */
  private static Map<TimeRangeField, String> perField(String template, String order) {
    Map<TimeRangeField, String> statements = new EnumMap<>(TimeRangeField.class);
    for (TimeRangeField field : TimeRangeField.values()) {
      statements.put(field, template.formatted(field.column, order));
    }
    return statements;
  }

  /**
   * A message row's columns as {@link Column} numbers them from {@link Column#ID}, read from
   * {@code alias}: whether {@code user} (the caller's key, a parameter) hid it, probed only for a
   * message flagged has_hides, and its reactions, oldest first, read only for one flagged
   * has_reactions (three arrays in one order).
   */
  private static String messageColumns(String alias, String user) {
    String reactions = "CASE WHEN %1$s.has_reactions THEN ARRAY(SELECT rc.%%s FROM reaction rc"
        + " WHERE rc.message_seq = %1$s.seq ORDER BY rc.created_at, rc.pk) END";
    return """
        %1$s.id, %1$s.type, %1$s.text, NULLIF(%1$s.payload, 'null'::jsonb)::text, %1$s.created_at, %1$s.updated_at,
        %1$s.message_time, %1$s.deleted, %1$s.sender_pk,
        CASE WHEN %1$s.has_hides
             THEN (SELECT true FROM hidden_message h WHERE h.message_seq = %1$s.seq AND h.user_pk = %2$s) IS NOT NULL
             ELSE false END,
        """.formatted(alias, user)
        + String.join(",\n", Stream.of("user_pk", "reaction", "created_at")
            .map(column -> reactions.formatted(alias).formatted(column)).toList());
  }

  static String statement(ImkitParams params) {
    if (params.unfiltered()) {
      return SELECT_UNFILTERED_PAGE.get(params.field());
    }
    return (params.closestAfter() ? SELECT_CLOSEST_AFTER_PAGE : SELECT_NEWEST_PAGE).get(params.field());
  }

  /** The arguments of {@link #statement}'s statement. */
  static Tuple arguments(long roomPk, String tenant, long userPk, ImkitParams params) {
    if (params.unfiltered()) {
      return Tuple.of(roomPk, (long) params.limit(), userPk);
    }
    return Tuple.tuple().addLong(roomPk).addString(tenant).addOffsetDateTime(params.afterTime())
        .addString(params.afterMessage()).addString(params.beforeMessage()).addInteger(params.limit())
        .addLong(userPk);
  }

  static Future<HistoryReply> read(HistoryRequest request, ImkitParams params, StoreContext store) {
    Principal caller = request.principal();
    ConditionalRead conditional = ConditionalRead.start(store, request, false);
    long start = System.nanoTime();
    Directory directory = store.directory();
    return directory.roomById(caller.tenantId(), params.roomId()).compose(room -> room.isEmpty()
        ? Future.failedFuture(GatewayError.of(ImkitErrors.ROOM_NOT_FOUND))
        : directory.userPk(caller.tenantId(), caller.userId()).compose(userPk -> userPk.isEmpty()
            ? notMember()
            : directory.members(room.get()).compose(members -> members.contains(userPk.get())
                ? conditional.read(room.get(), () -> page(room.get(), userPk.get(), caller, params, store, start))
                : notMember())));
  }

  private static Future<HistoryReply> notMember() {
    return Future.failedFuture(GatewayError.of(ImkitErrors.NOT_ROOM_MEMBER));
  }

  private static Future<ConditionalRead.Positioned> page(Room room, long userPk, Principal caller,
      ImkitParams params, StoreContext store, long start) {
    String tenant = caller.tenantId();
    return store.page(room.tenantId(), statement(params), arguments(room.pk(), tenant, userPk, params), 400).compose(rows -> {
      if (rows.isEmpty()) {
        return Future.failedFuture(GatewayError.of(ImkitErrors.ROOM_NOT_FOUND));
      }
      Row first = rows.get(0);
      if (!first.getBoolean(Column.AFTER_OK)) {
        return Future.failedFuture(ImkitParams.invalid("afterMessage is not a message of this room"));
      }
      if (!first.getBoolean(Column.BEFORE_OK)) {
        return Future.failedFuture(ImkitParams.invalid("beforeMessage is not a message of this room"));
      }
      List<Row> page = messages(rows, params.closestAfter());
      long position = first.getLong(Column.ROOM_POSITION);
      return store.directory().users(ImkitPage.userPks(page)).map(users -> new ConditionalRead.Positioned(
          new HistoryReply(200, ImkitPage.render(first, page, users, tenant, params,
              (System.nanoTime() - start) / 1_000_000)), position));
    });
  }

  /** The page, newest first: a window without messages is one row without a message id. */
  private static List<Row> messages(List<Row> rows, boolean oldestFirst) {
    if (rows.get(0).getString(Column.ID) == null) {
      return List.of();
    }
    if (!oldestFirst) {
      return rows;
    }
    List<Row> page = new ArrayList<>(rows);
    Collections.reverse(page);
    return page;
  }
}
