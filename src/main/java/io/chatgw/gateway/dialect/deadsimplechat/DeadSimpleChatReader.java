package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.ConditionalRead;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.LivePages;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * The room (by id, in the key's tenant) comes from the directory: not found is 404 (there is no
 * user, so no membership check). Then one query ({@link LivePages}) reads the room's counter as the
 * total and one offset page of its live messages newest first, with the likes of only the messages
 * flagged has_reactions. Senders and the likers' names come from the directory.
 */
final class DeadSimpleChatReader {

  /**
   * The page's columns ({@link Column}), what DeadSimpleChatMessages renders. The likes, oldest
   * first, are read off the index reaction_message only for a message flagged has_reactions (97 %
   * of them are not, on the benchmark's data): three arrays in one order, (created_at, pk).
   */
  private static final String COLUMNS = """
      m.id, m.text, m.action_buttons::text AS buttons, m.version, m.sender_pk,
      COALESCE(m.att_id, m.id) AS att_id, m.att_url, m.att_name, m.att_size, m.att_content_type, m.att_kind,
      m.att_height, m.att_width,
      %1$s(SELECT x.id FROM reaction x WHERE x.message_seq = m.seq ORDER BY x.created_at, x.pk) END AS like_ids,
      %1$s(SELECT x.user_pk FROM reaction x WHERE x.message_seq = m.seq ORDER BY x.created_at, x.pk) END AS like_user_pks,
      %1$s(SELECT x.reaction FROM reaction x WHERE x.message_seq = m.seq ORDER BY x.created_at, x.pk) END AS like_reactions"""
      .formatted("CASE WHEN m.has_reactions THEN ARRAY");

  /** The positions of the page's columns (LivePages.statement's, then {@link #COLUMNS}). */
  static final class Column {
    static final int TOTAL = 0;
    static final int CREATED = LivePages.CREATED;
    static final int ID = LivePages.FIRST_COLUMN;
    static final int TEXT = ID + 1;
    static final int BUTTONS = ID + 2;
    static final int VERSION = ID + 3;
    static final int SENDER = ID + 4;
    static final int ATT_ID = ID + 5;
    static final int ATT_URL = ID + 6;
    static final int ATT_NAME = ID + 7;
    static final int ATT_SIZE = ID + 8;
    static final int ATT_CONTENT_TYPE = ID + 9;
    static final int ATT_KIND = ID + 10;
    static final int ATT_HEIGHT = ID + 11;
    static final int ATT_WIDTH = ID + 12;
    static final int LIKE_IDS = ID + 13;
    static final int LIKE_USER_PKS = ID + 14;
    static final int LIKE_REACTIONS = ID + 15;

    private Column() {}
  }

  /** All live messages (message_room_live_created), skip up to 200; the total is count_live. */
  static final String SELECT_PAGE = page(LivePages.Filter.ALL, false);
  static final String SELECT_DEEP_PAGE = page(LivePages.Filter.ALL, true);
  /** Live messages with a file (message_room_live_attachments); the total is their counter. */
  static final String SELECT_ATTACHMENT_PAGE = page(LivePages.Filter.ATTACHMENTS, false);
  static final String SELECT_DEEP_ATTACHMENT_PAGE = page(LivePages.Filter.ATTACHMENTS, true);

  private DeadSimpleChatReader() {}

  private static String page(LivePages.Filter filter, boolean deep) {
    return LivePages.statement(filter, deep, COLUMNS);
  }

  /** The statement of a page: $1 room key, $2 skip, $3 limit. */
  static String statement(boolean onlyAttachments, long skip) {
    boolean deep = LivePages.deep(skip);
    if (onlyAttachments) {
      return deep ? SELECT_DEEP_ATTACHMENT_PAGE : SELECT_ATTACHMENT_PAGE;
    }
    return deep ? SELECT_DEEP_PAGE : SELECT_PAGE;
  }

  static Future<HistoryReply> read(HistoryRequest request, DeadSimpleChatParams params, StoreContext store) {
    Principal caller = request.principal();
    ConditionalRead conditional = ConditionalRead.start(store, request, false);
    return store.directory().roomById(caller.tenantId(), params.roomId()).compose(room -> room.isEmpty()
        ? notFound()
        : conditional.read(room.get(), () -> page(room.get(), params, store)));
  }

  private static Future<ConditionalRead.Positioned> page(Room room, DeadSimpleChatParams params,
      StoreContext store) {
    Tuple args = Tuple.of(room.pk(), params.skip(), (long) params.limit());
    return store.page(room.tenantId(), statement(params.onlyAttachments(), params.skip()), args, DeadSimpleChatErrors.BAD_PARAMETER)
        .compose(rows -> rows.isEmpty()
            ? notFound() // the room went away since the directory read it
            : store.directory().users(DeadSimpleChatMessages.userPks(rows)).map(users -> new ConditionalRead.Positioned(
                new HistoryReply(200, DeadSimpleChatMessages.render(rows, users, params, room.tenantId())),
                rows.get(0).getLong(LivePages.POSITION))));
  }

  private static <T> Future<T> notFound() {
    return Future.failedFuture(GatewayError.of(DeadSimpleChatErrors.ROOM_NOT_FOUND));
  }
}
