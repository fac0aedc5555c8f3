package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One query per request: the room (by number, in the caller's tenant) with the caller's
 * membership, and, lateral-joined, its visible messages. No row at all means "not in this room".
 */
final class MirageReader {

  /**
   * With the cap: the tenant's newest {@code $5} live messages younger than {@code $4}, read on
   * the partial index (tenant_id, created_at, seq), then kept when they are of this room. Sender
   * names are looked up per kept row: a join let the generic plan hash every user of the database.
   */
  static final String SELECT_CAPPED_PAGE = """
      SELECT (SELECT u.username FROM app_user u WHERE u.pk = m.sender_pk), m.text, m.att_url,
             m.created_at
        FROM room r
        LEFT JOIN LATERAL (
          SELECT c.sender_pk, c.text, c.att_url, c.created_at, c.seq
            FROM (SELECT t.room_pk, t.sender_pk, t.text, t.att_url, t.created_at, t.seq
                    FROM message t
                   WHERE t.tenant_id = $1 AND NOT t.deleted AND t.created_at >= $4
                   ORDER BY t.created_at DESC, t.seq DESC
                   LIMIT $5) c
           WHERE c.room_pk = r.pk) m ON true
       WHERE r.tenant_id = $1 AND r.number = $2
         AND EXISTS (SELECT 1 FROM room_member rm JOIN app_user mu ON mu.pk = rm.user_pk
                      WHERE rm.room_pk = r.pk AND mu.tenant_id = $1 AND mu.id = $3)
       ORDER BY m.created_at, m.seq""";

  /** Without the cap: the room's live messages younger than {@code $4}, on the room index. */
  static final String SELECT_UNCAPPED_PAGE = """
      SELECT (SELECT u.username FROM app_user u WHERE u.pk = m.sender_pk), m.text, m.att_url,
             m.created_at
        FROM room r
        LEFT JOIN LATERAL (
          SELECT t.sender_pk, t.text, t.att_url, t.created_at, t.seq
            FROM message t
           WHERE t.room_pk = r.pk AND NOT t.deleted AND t.created_at >= $4) m ON true
       WHERE r.tenant_id = $1 AND r.number = $2
         AND EXISTS (SELECT 1 FROM room_member rm JOIN app_user mu ON mu.pk = rm.user_pk
                      WHERE rm.room_pk = r.pk AND mu.tenant_id = $1 AND mu.id = $3)
       ORDER BY m.created_at, m.seq""";

  private static final OffsetDateTime NO_EXPIRY = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private MirageReader() {}

  static Future<HistoryReply> read(Principal caller, MirageParams params, StoreContext store,
      GatewayConfig.Mirage limits) {
    Instant now = store.clock().instant();
    OffsetDateTime since = limits.ttlSeconds() == 0
        ? NO_EXPIRY
        : OffsetDateTime.ofInstant(now.minusSeconds(limits.ttlSeconds()), ZoneOffset.UTC);
    Tuple args = Tuple.of(caller.tenantId(), params.roomNumber(),
        caller.userId(), since);
    String sql = SELECT_UNCAPPED_PAGE;
    if (limits.maxMessages() > 0) {
      args.addInteger(limits.maxMessages());
      sql = SELECT_CAPPED_PAGE;
    }
    return store.page(sql, args, 503)
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(GatewayError.of(MirageErrors.NOT_IN_ROOM))
            : Future.succeededFuture(new HistoryReply(200, render(rows, params.roomNumber()))));
  }

  private static io.vertx.core.buffer.Buffer render(List<Row> rows, long roomNumber) {
    return JsonBuffers.render(64 + rows.size() * 128, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("messages");
      for (Row row : rows) {
        OffsetDateTime created = row.getOffsetDateTime(3);
        if (created == null) {
          continue; // the room exists and the caller is a member, but nothing is visible
        }
        json.writeStartObject();
        json.writeStringField("username", row.getString(0));
        json.writeStringField("message", messageText(row.getString(1), row.getString(2)));
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
