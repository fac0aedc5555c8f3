package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * One query, one row per request: the chat (by id, in the caller's tenant), the caller's
 * membership, the live-message counter, and — only for a member — the participants and the page,
 * both already rendered as compact JSON arrays by PostgreSQL. No row means the chat is not in the
 * tenant (404); {@code member = false} means 403.
 */
final class AllmineReader {

  /**
   * $1 tenant, $2 chat id, $3 caller's user id, $4 offset (bigint), $5 limit.
   *
   * <p>The page is picked on (room_pk, created_at, seq) WHERE NOT deleted, newest first, ties by
   * insertion order, by live_page() (V005) on the partial index message_room_live_created.
   * {@code $4 < count_live} stops a page
   * past the end before it scans anything. json_strip_nulls leaves out absent members and, as
   * a side effect that the tests pin, re-emits its object compactly; string_agg joins with bare
   * commas (json_agg would add ", ").
   */
  static final String SELECT_CHAT_PAGE = """
      WITH chat AS MATERIALIZED (
        SELECT r.pk, r.id, r.count_live,
               EXISTS (SELECT 1 FROM app_user mu JOIN room_member rm ON rm.user_pk = mu.pk
                        WHERE mu.tenant_id = $1 AND mu.id = $3 AND rm.room_pk = r.pk) AS member
          FROM room r
         WHERE r.tenant_id = $1 AND r.id = $2)
      SELECT c.member, c.count_live,
        CASE WHEN c.member THEN (
          SELECT coalesce('[' || string_agg(json_strip_nulls(json_build_object(
                   '_id', u.id,
                   'username', u.username,
                   'profilePhoto', CASE WHEN u.avatar_url <> '' THEN json_build_object(
                       '_id', substr(md5(u.id || chr(10) || u.avatar_url), 1, 24),
                       'url', u.avatar_url,
                       'type', 'image') END,
                   'availabilityStatus', u.availability_status))::text, ','
                   ORDER BY u.id COLLATE "C") || ']', '[]')
            FROM room_member rm JOIN app_user u ON u.pk = rm.user_pk
           WHERE rm.room_pk = c.pk) END AS participants,
        CASE WHEN c.member THEN (
          SELECT coalesce('[' || string_agg(json_strip_nulls(json_build_object(
                   '_id', t.id,
                   'chatId', c.id,
                   'senderId', s.id,
                   'type', t.type,
                   'content', coalesce(t.text, ''),
                   'media', CASE WHEN t.att_url IS NOT NULL THEN json_build_object(
                       'url', t.att_url,
                       'type', t.att_kind,
                       'name', t.att_name,
                       'size', t.att_size,
                       'duration', t.att_duration,
                       'width', t.att_width,
                       'height', t.att_height,
                       'thumbnail_url', t.att_thumbnail_url) END,
                   'creditTransfer', CASE WHEN jsonb_typeof(t.credit_transfer) = 'object' THEN json_build_object(
                       'amount', t.credit_transfer -> 'amount',
                       'recipientId', t.credit_transfer -> 'recipientId',
                       'senderId', t.credit_transfer -> 'senderId') END,
                   'readBy', coalesce((
                       SELECT json_agg(ru.id ORDER BY rr.read_at, ru.id COLLATE "C")
                         FROM read_receipt rr JOIN app_user ru ON ru.pk = rr.user_pk
                        WHERE rr.message_seq = t.seq), '[]'::json),
                   'createdAt', to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'updatedAt', to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                 ))::text, ',' ORDER BY t.created_at DESC, t.seq DESC) || ']', '[]')
            FROM live_page(c.pk, false, $4, $5) AS t
            JOIN app_user s ON s.pk = t.sender_pk
           WHERE $4 < c.count_live) END AS messages
        FROM chat c""";

  private AllmineReader() {}

  static Future<HistoryReply> read(Principal caller, AllmineParams params, StoreContext store) {
    Tuple args = Tuple.of(caller.tenantId(), params.chatId(), caller.userId(),
        AllminePage.offset(params.page(), params.limit()), params.limit());
    return store.page(SELECT_CHAT_PAGE, args, AllmineErrors.VALIDATION)
        .compose(rows -> answer(rows, params));
  }

  private static Future<HistoryReply> answer(List<Row> rows, AllmineParams params) {
    if (rows.size() == 0) {
      return Future.failedFuture(GatewayError.of(AllmineErrors.NOT_FOUND));
    }
    Row chat = rows.iterator().next();
    if (!chat.getBoolean("member")) {
      return Future.failedFuture(GatewayError.of(AllmineErrors.FORBIDDEN));
    }
    AllminePage page = new AllminePage(params.page(), params.limit(), chat.getLong("count_live"));
    return Future.succeededFuture(new HistoryReply(200,
        render(chat.getString("messages"), chat.getString("participants"), page)));
  }

  private static Buffer render(String messages, String participants, AllminePage page) {
    return JsonBuffers.render(160 + messages.length() + participants.length(), json -> {
      json.writeStartObject();
      json.writeFieldName("messages");
      json.writeRawValue(messages);
      json.writeFieldName("participants");
      json.writeRawValue(participants);
      json.writeNumberField("page", page.page());
      json.writeNumberField("limit", page.limit());
      json.writeNumberField("total", page.total());
      json.writeNumberField("totalPages", page.totalPages());
      json.writeBooleanField("hasNextPage", page.hasNextPage());
      json.writeBooleanField("hasPreviousPage", page.hasPreviousPage());
      json.writeEndObject();
    });
  }
}
