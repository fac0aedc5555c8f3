package io.chatgw.gateway.feed;

import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The feed's two reads: the store's newest change position (where a subscription without a
 * cursor starts), and the changes of some rooms after a position, in position order, one bounded
 * page at a time ({@code room_pk = ANY} and {@code change_pos >}: the {@code (room_pk, change_pos)}
 * or {@code (change_pos)} index). Senders come from the directory.
 */
final class FeedStore {

  static final String SELECT_HEAD = "SELECT coalesce(max(change_pos), 0) FROM message";

  private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

  static final String SELECT_CHANGES_AFTER = """
      SELECT m.change_pos, m.room_pk, r.id, m.id, m.sender_pk, m.type, m.text, m.payload::text,
             m.att_id, m.att_url, m.att_name, m.att_size, m.att_content_type, m.att_kind, m.att_width,
             m.att_height, m.att_duration, m.att_thumbnail_url, m.created_at, m.updated_at, m.version, m.deleted,
             CASE WHEN m.has_reactions THEN (
               SELECT json_agg(json_build_object('user', u.id, 'reaction', x.reaction,
                        'createdAt', to_char(x.created_at AT TIME ZONE 'UTC', %1$s)) ORDER BY x.created_at, x.pk)::text
                 FROM reaction x JOIN app_user u ON u.pk = x.user_pk WHERE x.message_seq = m.seq) END,
             CASE WHEN m.has_receipts THEN (
               SELECT json_agg(json_build_object('user', u.id,
                        'readAt', to_char(x.read_at AT TIME ZONE 'UTC', %1$s)) ORDER BY x.read_at, x.user_pk)::text
                 FROM read_receipt x JOIN app_user u ON u.pk = x.user_pk WHERE x.message_seq = m.seq) END,
             CASE WHEN m.has_hides THEN ARRAY(SELECT h.user_pk FROM hidden_message h WHERE h.message_seq = m.seq) END
        FROM message m JOIN room r ON r.pk = m.room_pk
       WHERE m.room_pk = ANY($1) AND m.change_pos > $2
       ORDER BY m.change_pos
       LIMIT $3""".formatted(ISO);

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
    Set<Long> senders = new HashSet<>();
    for (Row row : rows) {
      senders.add(row.getLong(4));
    }
    return directory.users(senders).map(users -> events(rows, users));
  }

  private static List<FeedEvent> events(RowSet<Row> rows, Map<Long, User> users) {
    List<FeedEvent> events = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Long[] hidden = row.getArrayOfLongs(24);
      long[] hiddenFor = NOBODY;
      if (hidden != null) {
        hiddenFor = new long[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
          hiddenFor[i] = hidden[i];
        }
      }
      events.add(FeedEvent.of(row.getLong(0), row.getLong(1), hiddenFor,
          FeedMessages.render(row, users.get(row.getLong(4)))));
    }
    return events;
  }
}
