package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * One query per request: the room (by id, in the key's tenant) with its counter as the total and,
 * lateral-joined, one offset page of its live messages, newest first, read by live_page() (V005)
 * backwards on a partial (room_pk, created_at, seq) index of live messages (of live messages with a
 * file for onlyAttachments), with their sender and likes. No row at all means the room is not in
 * this tenant.
 */
final class DeadSimpleChatReader {

  /**
   * The likes are aggregated from a subquery already in their order (read off the index
   * reaction_message), the form PostgreSQL documents for ordered aggregates: an {@code ORDER BY}
   * inside each array_agg began four sorts per message, with or without likes, and cost a quarter
   * of the query's time.
   *
   * <p>{@code %1$s}: the room counter that counts what the filter keeps; {@code %2$s}: the filter. Each
   * filter is the predicate of its partial index (message_room_live_created,
   * message_room_live_attachments), so that the planner can use it.
   */
  private static final String PAGE_TEMPLATE = """
      SELECT r.%1$s, p.id, p.created_at, p.text, p.buttons, p.version,
             p.user_id, p.unique_user_identifier, p.username, p.is_moderator,
             p.att_id, p.att_url, p.att_name, p.att_size, p.att_content_type, p.att_kind,
             p.att_height, p.att_width,
             p.like_ids, p.like_usernames, p.like_user_ids, p.like_reactions
        FROM room r
        LEFT JOIN LATERAL (
          SELECT m.id, m.created_at, m.seq, m.text, m.action_buttons::text AS buttons, m.version,
                 u.id AS user_id, u.unique_user_identifier, u.username, u.is_moderator,
                 COALESCE(m.att_id, m.id) AS att_id, m.att_url, m.att_name, m.att_size,
                 m.att_content_type, m.att_kind, m.att_height, m.att_width,
                 l.like_ids, l.like_usernames, l.like_user_ids, l.like_reactions
            FROM live_page(r.pk, %2$s, $3, $4) AS m
            JOIN app_user u ON u.pk = m.sender_pk
            LEFT JOIN LATERAL (
              SELECT array_agg(x.id) AS like_ids, array_agg(x.username) AS like_usernames,
                     array_agg(x.user_id) AS like_user_ids, array_agg(x.reaction) AS like_reactions
                FROM (SELECT x.id, xu.username, xu.id AS user_id, x.reaction
                        FROM reaction x JOIN app_user xu ON xu.pk = x.user_pk
                       WHERE x.message_seq = m.seq
                       ORDER BY x.created_at, x.pk) x) l ON true) p ON true
       WHERE r.tenant_id = $1 AND r.id = $2
       ORDER BY p.created_at DESC, p.seq DESC""";

  /** The positions of {@link #PAGE_TEMPLATE}'s columns, in its SELECT list's order. */
  static final class Column {
    static final int TOTAL = 0;
    static final int ID = 1;
    static final int CREATED = 2;
    static final int TEXT = 3;
    static final int BUTTONS = 4;
    static final int VERSION = 5;
    static final int USER_ID = 6;
    static final int UNIQUE_USER_IDENTIFIER = 7;
    static final int USERNAME = 8;
    static final int IS_MODERATOR = 9;
    static final int ATT_ID = 10;
    static final int ATT_URL = 11;
    static final int ATT_NAME = 12;
    static final int ATT_SIZE = 13;
    static final int ATT_CONTENT_TYPE = 14;
    static final int ATT_KIND = 15;
    static final int ATT_HEIGHT = 16;
    static final int ATT_WIDTH = 17;
    static final int LIKE_IDS = 18;
    static final int LIKE_USERNAMES = 19;
    static final int LIKE_USER_IDS = 20;
    static final int LIKE_REACTIONS = 21;

    private Column() {}
  }

  /** All live messages, on message_room_live_created; the total is the room's live counter. */
  static final String SELECT_PAGE = PAGE_TEMPLATE.formatted("count_live", "false");

  /** Live messages with an attachment, on the partial index; the total is their counter. */
  static final String SELECT_ATTACHMENT_PAGE = PAGE_TEMPLATE.formatted("count_live_attachments", "true");

  private DeadSimpleChatReader() {}

  static Future<HistoryReply> read(Principal caller, DeadSimpleChatParams params, StoreContext store) {
    String tenant = caller.tenantId();
    Tuple args = Tuple.of(tenant, params.roomId(), params.skip(), (long) params.limit());
    String sql = params.onlyAttachments() ? SELECT_ATTACHMENT_PAGE : SELECT_PAGE;
    return store.page(sql, args, DeadSimpleChatErrors.BAD_PARAMETER)
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(GatewayError.of(DeadSimpleChatErrors.ROOM_NOT_FOUND))
            : Future.succeededFuture(new HistoryReply(200,
                DeadSimpleChatMessages.render(rows, params, tenant))));
  }
}
