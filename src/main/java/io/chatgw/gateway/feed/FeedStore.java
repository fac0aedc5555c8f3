package io.chatgw.gateway.feed;

import io.chatgw.gateway.dialect.v1.MessageJson;
import io.chatgw.gateway.dialect.v1.MessageRows;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The feed's two reads: the store's newest change position (where a subscription without a
 * cursor starts), and the changes of some rooms after a position, in position order, one bounded
 * page at a time ({@code room_pk = ANY} and {@code change_pos >}: the {@code (room_pk, change_pos)}
 * or {@code (change_pos)} index). Senders come from the directory.
 */
final class FeedStore {

  static final String SELECT_HEAD = "SELECT coalesce(max(change_pos), 0) FROM message";

  /** The room's id and the users who hid the message, then {@link MessageRows#COLUMNS} from column {@link #AT}. */
  static final String SELECT_CHANGES_AFTER = """
      SELECT r.id,
             CASE WHEN m.has_hides THEN ARRAY(SELECT h.user_pk FROM hidden_message h WHERE h.message_seq = m.seq) END,
             %s
        FROM (SELECT * FROM message WHERE room_pk = ANY($1) AND change_pos > $2 ORDER BY change_pos LIMIT $3) m
        JOIN room r ON r.pk = m.room_pk
        %s
       ORDER BY m.change_pos""".formatted(MessageRows.COLUMNS, MessageRows.EXTRAS);

  static final int AT = 2;

  private static final long[] NOBODY = new long[0];

  private final Pool pool;
  private final Deadlines deadlines;
  private final Directory directory;

  FeedStore(Pool pool, Deadlines deadlines, Directory directory) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.directory = directory;
  }

  /** The newest change position committed (0 for an empty store). */
  Future<Long> head() {
    return deadlines.bound(pool.preparedQuery(SELECT_HEAD).execute()).map(rows -> rows.iterator().next().getLong(0));
  }

  /** At most {@code limit} changes of these rooms after {@code position}, rendered, in position order. */
  Future<List<FeedEvent>> after(long position, long[] roomPks, int limit) {
    Long[] rooms = new Long[roomPks.length];
    for (int i = 0; i < roomPks.length; i++) {
      rooms[i] = roomPks[i];
    }
    return deadlines.bound(pool.preparedQuery(SELECT_CHANGES_AFTER).execute(Tuple.of(rooms, position, limit)))
        .compose(this::render);
  }

  private Future<List<FeedEvent>> render(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    List<Row> list = new ArrayList<>(rows.size());
    rows.forEach(list::add);
    return directory.users(MessageJson.userPks(list, AT)).map(users -> events(list, users));
  }

  private static List<FeedEvent> events(List<Row> rows, Map<Long, User> users) {
    List<FeedEvent> events = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Long[] hidden = row.getArrayOfLongs(1);
      long[] hiddenFor = NOBODY;
      if (hidden != null) {
        hiddenFor = new long[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
          hiddenFor[i] = hidden[i];
        }
      }
      Buffer message = JsonBuffers.render(512, json -> MessageJson.write(json, row, AT, row.getString(0), users));
      events.add(FeedEvent.of(row.getLong(AT + MessageRows.CHANGE_POS), row.getLong(AT + MessageRows.ROOM), hiddenFor,
          message));
    }
    return events;
  }
}
