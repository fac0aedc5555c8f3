package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.ConditionalRead;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.ETags;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.chatgw.gateway.directory.Cutoff;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.directory.User;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The room (by number, in the caller's tenant) and the caller's membership come from the
 * directory; a room that is not there and one the caller is not a member of get the same answer.
 * Then one query reads the room's visible messages on its own index: younger than the expiry and,
 * with the cap, not older than the tenant's N-th newest live message, whose position the directory
 * keeps per tenant until the tenant's messages change. Sender names come from the directory.
 */
final class MirageReader {

  /**
   * $1 room key, $2 the expiry's start, $3/$4 the cap's cut-off (created_at, seq): the room's
   * change position in the page's snapshot ({@link #POSITION}, the 200's tag) on every row, and,
   * lateral-joined, the room's live messages from the later of the two, oldest first, a forward
   * range scan of the partial index message_room_live_created; a room without such messages is
   * one row, its message columns null, and a room gone is no row. No outer sort: the room's row is
   * the nested loop's one outer row, so the rows come out in the lateral scan's order (the plan
   * test checks that nothing sorts message rows).
   */
  static final String SELECT_PAGE = """
      SELECT r.last_change_pos, p.*
        FROM room r
        LEFT JOIN LATERAL (
          SELECT m.sender_pk, m.text, m.att_url, m.created_at
            FROM message m
           WHERE m.room_pk = $1 AND NOT m.deleted AND m.created_at >= $2 AND (m.created_at, m.seq) >= ($3, $4)
           ORDER BY m.created_at, m.seq) p ON true
       WHERE r.pk = $1""";

  /** The columns of {@link #SELECT_PAGE}. */
  static final int POSITION = 0;
  static final int SENDER = 1;
  static final int TEXT = 2;
  static final int ATTACHMENT_URL = 3;
  static final int CREATED = 4;

  private static final OffsetDateTime NO_EXPIRY = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final Cutoff NO_CUTOFF = new Cutoff(NO_EXPIRY, 0);

  private MirageReader() {}

  static Future<HistoryReply> read(HistoryRequest request, MirageParams params, StoreContext store,
      GatewayConfig.Mirage limits) {
    Principal caller = request.principal();
    ConditionalRead conditional = ConditionalRead.start(store, request, limits.maxMessages() != 0);
    Directory directory = store.directory();
    return directory.roomByNumber(caller.tenantId(), params.roomNumber()).compose(room -> room.isEmpty()
        ? notInRoom()
        : directory.isMember(room.get(), caller.userId()).compose(member -> member
            ? cutoff(caller.tenantId(), directory, limits).compose(cutoff -> conditional.read(room.get(),
                () -> page(room.get(), cutoff, params, store, limits)))
            : notInRoom()));
  }

  private static Future<HistoryReply> notInRoom() {
    return Future.failedFuture(GatewayError.of(MirageErrors.NOT_IN_ROOM));
  }

  private static Future<Cutoff> cutoff(String tenant, Directory directory, GatewayConfig.Mirage limits) {
    return limits.maxMessages() == 0 ? Future.succeededFuture(NO_CUTOFF)
        : directory.nthNewestMessage(tenant, limits.maxMessages()).map(cutoff -> cutoff.orElse(NO_CUTOFF));
  }

  /**
   * The page, and when its oldest message expires (it drops out: the answer changes by itself): the
   * first millisecond at which it is no longer shown. It is shown while {@code created_at >= now -
   * ttl}, to the microsecond, so that is one millisecond after {@code created_at + ttl} truncated to
   * milliseconds; taken as the truncated instant itself, a poll in the sub-millisecond between was
   * a 200 with a new tag and the same message, and the next one a 200 again.
   */
  private static Future<ConditionalRead.Positioned> page(Room room, Cutoff cutoff, MirageParams params,
      StoreContext store, GatewayConfig.Mirage limits) {
    Instant now = store.clock().instant();
    OffsetDateTime since = limits.ttlSeconds() == 0
        ? NO_EXPIRY
        : OffsetDateTime.ofInstant(now.minusSeconds(limits.ttlSeconds()), ZoneOffset.UTC);
    return store.page(room.tenantId(), SELECT_PAGE, Tuple.of(room.pk(), since, cutoff.createdAt(), cutoff.seq()), 503)
        .compose(rows -> {
          List<Row> messages = messages(rows);
          Long position = rows.isEmpty() ? null : rows.get(0).getLong(POSITION); // none: the room went away
          long until = messages.isEmpty() || limits.ttlSeconds() == 0 ? ETags.NEVER
              : TimeFormats.epochMillis(messages.get(0).getOffsetDateTime(CREATED)) + limits.ttlSeconds() * 1000L + 1;
          return store.directory().users(senders(messages)).map(users -> new ConditionalRead.Positioned(
              new HistoryReply(200, render(messages, users, params.roomNumber())), position, until));
        });
  }

  /** The rows that are messages: not the one row, its message columns null, of a room without any. */
  private static List<Row> messages(List<Row> rows) {
    return rows.size() == 1 && rows.get(0).getValue(SENDER) == null ? List.of() : rows;
  }

  private static Set<Long> senders(List<Row> rows) {
    Set<Long> pks = new HashSet<>();
    rows.forEach(row -> pks.add(row.getLong(SENDER)));
    return pks;
  }

  private static io.vertx.core.buffer.Buffer render(List<Row> rows, Map<Long, User> users, long roomNumber) {
    return JsonBuffers.render(64 + rows.size() * 128, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("messages");
      for (Row row : rows) {
        OffsetDateTime created = row.getOffsetDateTime(CREATED);
        json.writeStartObject();
        json.writeStringField("username", users.get(row.getLong(SENDER)).username());
        json.writeStringField("message", messageText(row.getString(TEXT), row.getString(ATTACHMENT_URL)));
        json.writeFieldName("created_at");
        json.writeNumber(TimeFormats.unixSecondsWithMillis(TimeFormats.epochMillis(created)));
        json.writeNumberField("room_id", roomNumber);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static String messageText(String text, String attachmentUrl) {
    if (text != null && !text.isEmpty()) {
      return text;
    }
    return attachmentUrl != null ? attachmentUrl : "";
  }
}
