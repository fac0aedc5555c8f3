package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.ConditionalRead;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.LivePages;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.directory.RoomMembers;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The chat (by id, in the caller's tenant) and the caller's membership come from the directory:
 * not found is 404, then not a member 403. Then one query ({@link LivePages}) reads the room's
 * live-message counter and the page newest first (an offset past the counter scans nothing), with
 * the read receipts of only the messages flagged has_receipts. The participants are the room's members; they, the senders
 * and the readers come from the directory, and {@link AllmineMessages} renders it all.
 */
final class AllmineReader {

  /**
   * The page's columns ({@link Column}). {@code duration} is the float8 as PostgreSQL prints it
   * (its shortest exact digits, as its JSON had them); {@code credit} the stored creditTransfer's
   * three members as jsonb text, only when it is an object. The read receipts are read (off their
   * primary key, in one order for both arrays) only for a message flagged has_receipts; their
   * order, (read_at, user id COLLATE "C"), needs the ids, so it is made in Java.
   */
  private static final String COLUMNS = """
      m.id, m.sender_pk, m.type, m.text, m.att_url, m.att_kind, m.att_name, m.att_size,
      m.att_duration::text AS duration, m.att_width, m.att_height, m.att_thumbnail_url,
      CASE WHEN jsonb_typeof(m.credit_transfer) = 'object' THEN ARRAY[
        (m.credit_transfer -> 'amount')::text, (m.credit_transfer -> 'recipientId')::text,
        (m.credit_transfer -> 'senderId')::text] END AS credit,
      m.updated_at,
      CASE WHEN m.has_receipts THEN ARRAY(
        SELECT rr.user_pk FROM read_receipt rr WHERE rr.message_seq = m.seq ORDER BY rr.user_pk) END AS reader_pks,
      CASE WHEN m.has_receipts THEN ARRAY(
        SELECT rr.read_at FROM read_receipt rr WHERE rr.message_seq = m.seq ORDER BY rr.user_pk) END AS read_ats""";

  /** The positions of the page's columns (LivePages.statement's, then {@link #COLUMNS}). */
  static final class Column {
    static final int TOTAL = 0;
    static final int CREATED = LivePages.CREATED;
    static final int ID = LivePages.FIRST_COLUMN;
    static final int SENDER = ID + 1;
    static final int TYPE = ID + 2;
    static final int TEXT = ID + 3;
    static final int URL = ID + 4;
    static final int KIND = ID + 5;
    static final int NAME = ID + 6;
    static final int SIZE = ID + 7;
    static final int DURATION = ID + 8;
    static final int WIDTH = ID + 9;
    static final int HEIGHT = ID + 10;
    static final int THUMBNAIL = ID + 11;
    static final int CREDIT = ID + 12;
    static final int UPDATED = ID + 13;
    static final int READERS = ID + 14;
    static final int READ_ATS = ID + 15;

    private Column() {}
  }

  /** $1 room key, $2 offset (bigint), $3 limit: an offset up to 200. */
  static final String SELECT_PAGE = LivePages.statement(LivePages.Filter.ALL, false, COLUMNS);
  /** The same past an offset of 200: the offset is skipped index-only. */
  static final String SELECT_DEEP_PAGE = LivePages.statement(LivePages.Filter.ALL, true, COLUMNS);

  private AllmineReader() {}

  static String statement(long offset) {
    return LivePages.deep(offset) ? SELECT_DEEP_PAGE : SELECT_PAGE;
  }

  static Future<HistoryReply> read(HistoryRequest request, AllmineParams params, StoreContext store) {
    Principal caller = request.principal();
    ConditionalRead conditional = ConditionalRead.start(store, request, false);
    Directory directory = store.directory();
    return directory.roomById(caller.tenantId(), params.chatId()).compose(room -> room.isEmpty()
        ? fail(AllmineErrors.NOT_FOUND)
        : directory.isMember(room.get(), caller.userId()).compose(member -> member
            ? directory.members(room.get()).compose(members -> conditional.read(room.get(),
                () -> page(room.get(), members, params, store)))
            : fail(AllmineErrors.FORBIDDEN)));
  }

  private static Future<ConditionalRead.Positioned> page(Room room, RoomMembers members, AllmineParams params,
      StoreContext store) {
    long offset = AllminePage.offset(params.page(), params.limit());
    Tuple args = Tuple.of(room.pk(), offset, (long) params.limit());
    return store.page(room.tenantId(), statement(offset), args, AllmineErrors.VALIDATION).compose(rows -> {
      if (rows.isEmpty()) {
        return fail(AllmineErrors.NOT_FOUND); // the room went away since the directory read it
      }
      AllminePage page = new AllminePage(params.page(), params.limit(), rows.get(0).getLong(Column.TOTAL));
      List<Row> messages = rows.get(0).getString(Column.ID) == null ? List.of() : rows;
      return store.directory().users(AllmineMessages.userPks(messages, members))
          .map(users -> new ConditionalRead.Positioned(
              new HistoryReply(200, AllmineMessages.render(room, messages, members, users, page)),
              rows.get(0).getLong(LivePages.POSITION)));
    });
  }

  private static <T> Future<T> fail(int status) {
    return Future.failedFuture(GatewayError.of(status));
  }
}
