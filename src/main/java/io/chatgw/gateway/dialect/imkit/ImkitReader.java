package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;

/**
 * One query per request: the room (by id, in the caller's tenant), the caller's membership, both
 * anchors (messages of that room), and, lateral-joined, one keyset page on (room_pk, K, seq). No
 * row means no such room; a row with {@code member} false means not a member.
 */
final class ImkitReader {

  /**
   * {@code %1$s} is K's column, {@code %2$s} whether the page is the newest of the window (else the
   * oldest). The window is the open interval (low, high) of the total order (K, seq): low is the
   * larger of (afterTime, max seq) and the afterMessage anchor, high the beforeMessage anchor. The
   * page itself is read by {@code imkit_page} (V002__imkit_page.sql), an index range scan of at most
   * {@code $7} rows from wherever the window starts; a caller who may not see it reads none.
   * Parameters: $1 tenant, $2 room id, $3 user id, $4 afterTime, $5 afterMessage, $6 beforeMessage,
   * $7 limit. Reactions are aggregated from a subquery already in their order (the index
   * reaction_message): an {@code ORDER BY} inside each array_agg began three sorts per message.
   */
  static final String SELECT_PAGE = """
      SELECT b.count_all, b.member, b.after_ok, b.before_ok, b.after_k, b.before_k,
             p.id, p.type, p.text, p.payload, p.created_at, p.updated_at, p.message_time, p.deleted,
             p.sender_id, p.nickname, p.description, p.avatar_url, p.last_login_at, p.hidden,
             p.reaction_users, p.reaction_names, p.reaction_times
        FROM (SELECT r.pk, r.count_all, me.user_pk, me.user_pk IS NOT NULL AS member,
                     $5::text IS NULL OR a.seq IS NOT NULL AS after_ok,
                     $6::text IS NULL OR z.seq IS NOT NULL AS before_ok,
                     a.%1$s AS after_k, z.%1$s AS before_k,
                     CASE WHEN (a.%1$s, a.seq) > (COALESCE($4::timestamptz, '-infinity'), 9223372036854775807)
                          THEN a.%1$s ELSE COALESCE($4::timestamptz, '-infinity') END AS low_k,
                     CASE WHEN (a.%1$s, a.seq) > (COALESCE($4::timestamptz, '-infinity'), 9223372036854775807)
                          THEN a.seq ELSE 9223372036854775807 END AS low_seq,
                     COALESCE(z.%1$s, 'infinity') AS high_k, COALESCE(z.seq, 0) AS high_seq
                FROM room r
                LEFT JOIN room_member me ON me.room_pk = r.pk
                      AND me.user_pk = (SELECT u.pk FROM app_user u WHERE u.tenant_id = $1 AND u.id = $3)
                LEFT JOIN message a ON a.tenant_id = $1 AND a.id = $5::text AND a.room_pk = r.pk
                LEFT JOIN message z ON z.tenant_id = $1 AND z.id = $6::text AND z.room_pk = r.pk
               WHERE r.tenant_id = $1 AND r.id = $2) b
        LEFT JOIN LATERAL (
          SELECT t.seq, t.%1$s AS k, t.id, t.type, t.text, NULLIF(t.payload, 'null'::jsonb)::text AS payload,
                 t.created_at, t.updated_at, t.message_time, t.deleted,
                 s.id AS sender_id, s.nickname, s.description, s.avatar_url, s.last_login_at,
                 EXISTS (SELECT 1 FROM hidden_message h
                          WHERE h.message_seq = t.seq AND h.user_pk = b.user_pk) AS hidden,
                 x.reaction_users, x.reaction_names, x.reaction_times
            FROM imkit_page(b.pk, '%1$s', %2$s, b.low_k, b.low_seq, b.high_k, b.high_seq,
                            CASE WHEN b.member AND b.after_ok AND b.before_ok THEN $7 ELSE 0 END) t
            JOIN app_user s ON s.pk = t.sender_pk
            LEFT JOIN LATERAL (
              SELECT array_agg(rc.user_id) AS reaction_users, array_agg(rc.reaction) AS reaction_names,
                     array_agg(rc.created_at) AS reaction_times
                FROM (SELECT u.id AS user_id, rc.reaction, rc.created_at
                        FROM reaction rc JOIN app_user u ON u.pk = rc.user_pk
                       WHERE rc.message_seq = t.seq
                       ORDER BY rc.created_at, rc.pk) rc) x ON true) p ON true
       ORDER BY p.k DESC, p.seq DESC""";

  /** The newest entries of the window: a backward scan from its high end. */
  static final Map<TimeRangeField, String> SELECT_NEWEST_PAGE = statements(true);
  /** The entries closest after the window's low end: a forward scan, rendered newest first. */
  static final Map<TimeRangeField, String> SELECT_CLOSEST_AFTER_PAGE = statements(false);

  private ImkitReader() {}

  private static Map<TimeRangeField, String> statements(boolean newest) {
    Map<TimeRangeField, String> statements = new EnumMap<>(TimeRangeField.class);
    for (TimeRangeField field : TimeRangeField.values()) {
      statements.put(field, SELECT_PAGE.formatted(field.column, newest));
    }
    return statements;
  }

  static String statement(ImkitParams params) {
    return (params.closestAfter() ? SELECT_CLOSEST_AFTER_PAGE : SELECT_NEWEST_PAGE).get(params.field());
  }

  static Tuple arguments(String tenant, String user, ImkitParams params) {
    return Tuple.tuple().addString(tenant).addString(params.roomId()).addString(user)
        .addOffsetDateTime(params.afterTime()).addString(params.afterMessage())
        .addString(params.beforeMessage()).addInteger(params.limit());
  }

  static Future<HistoryReply> read(Principal caller, ImkitParams params, StoreContext store) {
    String tenant = caller.tenantId();
    long start = System.nanoTime();
    return store.page(statement(params), arguments(tenant, caller.userId(), params), 400)
        .compose(rows -> answer(rows, tenant, params, (System.nanoTime() - start) / 1_000_000));
  }

  private static Future<HistoryReply> answer(List<Row> rows, String tenant, ImkitParams params, long tookMillis) {
    if (rows.size() == 0) {
      return Future.failedFuture(GatewayError.of(ImkitErrors.ROOM_NOT_FOUND));
    }
    Row first = rows.iterator().next();
    if (!first.getBoolean("member")) {
      return Future.failedFuture(GatewayError.of(ImkitErrors.NOT_ROOM_MEMBER));
    }
    if (!first.getBoolean("after_ok")) {
      return Future.failedFuture(ImkitParams.invalid("afterMessage is not a message of this room"));
    }
    if (!first.getBoolean("before_ok")) {
      return Future.failedFuture(ImkitParams.invalid("beforeMessage is not a message of this room"));
    }
    return Future.succeededFuture(new HistoryReply(200, ImkitPage.render(rows, tenant, params, tookMillis)));
  }
}
