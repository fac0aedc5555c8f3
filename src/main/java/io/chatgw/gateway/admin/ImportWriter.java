package io.chatgw.gateway.admin;

import io.chatgw.gateway.changes.ChangeNotice;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Stores a checked {@link ImportBatch} on a connection inside the caller's transaction: upserts by
 * (tenant, id), in dependency order, one pipelined batch per statement. An entity the store cannot
 * take (a credential of another tenant, a room number in use) fails it with an {@link ImportError}.
 * Last, a {@link ChangeNotice} of what the batch touched, delivered to every instance at commit.
 * Every message it writes (its reactions, receipts and hides are written with it) is marked for
 * a new change position, which the caller hands out with {@link ChangePositions} before COMMIT.
 */
final class ImportWriter {

  /** A tenant given without {@code rateLimit} goes back to the configured default (NULLs). */
  static final String UPSERT_TENANT = """
      INSERT INTO tenant (id, name, rate_per_second, rate_burst) VALUES ($1, $2, $3, $4)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, rate_per_second = EXCLUDED.rate_per_second,
        rate_burst = EXCLUDED.rate_burst""";
  static final String UPSERT_USER = """
      INSERT INTO app_user (tenant_id, id, username, nickname, description, avatar_url, is_moderator,
                            unique_user_identifier, availability_status, last_login_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (tenant_id, id) DO UPDATE SET username = EXCLUDED.username,
        nickname = EXCLUDED.nickname, description = EXCLUDED.description,
        avatar_url = EXCLUDED.avatar_url, is_moderator = EXCLUDED.is_moderator,
        unique_user_identifier = EXCLUDED.unique_user_identifier,
        availability_status = EXCLUDED.availability_status, last_login_at = EXCLUDED.last_login_at""";
  static final String UPSERT_ROOM = """
      INSERT INTO room (tenant_id, id, number, name)
      VALUES ($1, $2, COALESCE($3, (SELECT COALESCE(max(number), 0) + 1 FROM room WHERE tenant_id = $1)), $4)
      ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name,
        number = CASE WHEN $3::bigint IS NULL THEN room.number ELSE EXCLUDED.number END""";
  static final String CLEAR_MEMBERS = """
      DELETE FROM room_member WHERE room_pk = (SELECT pk FROM room WHERE tenant_id = $1 AND id = $2)""";
  static final String ADD_MEMBER = """
      INSERT INTO room_member (room_pk, user_pk)
      SELECT r.pk, u.pk FROM room r, app_user u
       WHERE r.tenant_id = $1 AND r.id = $2 AND u.tenant_id = $1 AND u.id = $3
      ON CONFLICT DO NOTHING""";
  static final String UPSERT_MESSAGE = """
      INSERT INTO message (tenant_id, id, room_pk, sender_pk, recipient_pk, type, text, payload,
        att_id, att_url, att_name, att_size, att_content_type, att_kind, att_width, att_height,
        att_duration, att_thumbnail_url, credit_transfer, action_buttons, status, created_at,
        updated_at, message_time, deleted, version, has_reactions, has_receipts, has_hides, change_pos)
      VALUES ($1, $2, (SELECT pk FROM room WHERE tenant_id = $1 AND id = $3),
        (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = $4),
        (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = $5),
        $6, $7, $8::text::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
        $19::text::jsonb, $20::text::jsonb, $21, $22, $23, $24, $25, $26,
        COALESCE($27, false), COALESCE($28, false), COALESCE($29, false), change_pos_pending())
      ON CONFLICT (tenant_id, id) DO UPDATE SET room_pk = EXCLUDED.room_pk,
        sender_pk = EXCLUDED.sender_pk, recipient_pk = EXCLUDED.recipient_pk, type = EXCLUDED.type,
        text = EXCLUDED.text, payload = EXCLUDED.payload, att_id = EXCLUDED.att_id,
        att_url = EXCLUDED.att_url, att_name = EXCLUDED.att_name, att_size = EXCLUDED.att_size,
        att_content_type = EXCLUDED.att_content_type, att_kind = EXCLUDED.att_kind,
        att_width = EXCLUDED.att_width, att_height = EXCLUDED.att_height,
        att_duration = EXCLUDED.att_duration, att_thumbnail_url = EXCLUDED.att_thumbnail_url,
        credit_transfer = EXCLUDED.credit_transfer, action_buttons = EXCLUDED.action_buttons,
        status = EXCLUDED.status, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        message_time = EXCLUDED.message_time, deleted = EXCLUDED.deleted, version = EXCLUDED.version,
        has_reactions = COALESCE($27, message.has_reactions), has_receipts = COALESCE($28, message.has_receipts),
        has_hides = COALESCE($29, message.has_hides), change_pos = change_pos_pending()""";
  private static final String MESSAGE_SEQ = "(SELECT seq FROM message WHERE tenant_id = $1 AND id = $2)";
  static final String CLEAR_REACTIONS = "DELETE FROM reaction WHERE message_seq = " + MESSAGE_SEQ;
  static final String ADD_REACTION = """
      INSERT INTO reaction (tenant_id, id, message_seq, user_pk, reaction, created_at)
      VALUES ($1, $3, %s, (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = $4), $5, $6)
      ON CONFLICT (tenant_id, id) DO UPDATE SET message_seq = EXCLUDED.message_seq,
        user_pk = EXCLUDED.user_pk, reaction = EXCLUDED.reaction, created_at = EXCLUDED.created_at"""
      .formatted(MESSAGE_SEQ);
  /**
   * A reaction id given again on another message moves to it (ADD_REACTION): the message it leaves
   * changes too, so it is marked for a new position as well ($1 tenants, $2 reaction ids).
   */
  static final String MARK_REACTIONS_LEAVING = """
      UPDATE message SET change_pos = change_pos_pending()
       WHERE seq IN (SELECT x.message_seq FROM reaction x
                      WHERE (x.tenant_id, x.id) IN (SELECT * FROM unnest($1::text[], $2::text[])))
         AND change_pos <> change_pos_pending()""";
  static final String CLEAR_READS = "DELETE FROM read_receipt WHERE message_seq = " + MESSAGE_SEQ;
  static final String ADD_READ = """
      INSERT INTO read_receipt (message_seq, user_pk, read_at)
      VALUES (%s, (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = $3), $4)
      ON CONFLICT (message_seq, user_pk) DO UPDATE SET read_at = EXCLUDED.read_at"""
      .formatted(MESSAGE_SEQ);
  static final String CLEAR_HIDDEN = "DELETE FROM hidden_message WHERE message_seq = " + MESSAGE_SEQ;
  static final String ADD_HIDDEN = """
      INSERT INTO hidden_message (message_seq, user_pk)
      VALUES (%s, (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = $3))
      ON CONFLICT DO NOTHING""".formatted(MESSAGE_SEQ);

  /** Folds the message trigger's counter deltas into the room rows (see V001); once per transaction. */
  static final String APPLY_ROOM_COUNT_DELTAS = "SELECT apply_room_count_deltas()";

  private ImportWriter() {}

  static Future<Void> write(SqlConnection conn, ImportBatch batch) {
    return batch(conn, UPSERT_TENANT, batch.tenants, t -> Tuple.of(t.id(), t.name(),
            t.rateLimit() == null ? null : t.rateLimit().perSecond(),
            t.rateLimit() == null ? null : t.rateLimit().burst()))
        .compose(v -> CredentialWriter.apiKeys(conn, batch.tenants))
        .compose(v -> batch(conn, UPSERT_USER, batch.users, u -> Tuple.wrap(Arrays.asList(u.tenant(), u.id(),
            u.username(), u.nickname(), u.description(), u.avatarUrl(), u.isModerator(),
            u.uniqueUserIdentifier(), u.availabilityStatus(), u.lastLoginAt()))))
        .compose(v -> rooms(conn, batch.rooms))
        .compose(v -> messages(conn, batch.messages))
        .compose(v -> CredentialWriter.sessions(conn, batch.sessions))
        .compose(v -> batch.messages.isEmpty() ? Future.succeededFuture()
            : conn.query(APPLY_ROOM_COUNT_DELTAS).execute().mapEmpty())
        .compose(v -> ChangeNotice.send(conn, BatchChanges.of(batch)));
  }

  /**
   * Rooms that give a number first, checked against the numbers in use (see {@link RoomNumbers});
   * then the others, which take the tenant's highest number + 1 and so can never collide.
   */
  private static Future<Void> rooms(SqlConnection conn, List<Entities.Room> rooms) {
    List<Entities.Room> ordered = new ArrayList<>(rooms.stream().filter(r -> r.number() != null).toList());
    int numbered = ordered.size();
    ordered.addAll(rooms.stream().filter(r -> r.number() == null).toList());
    List<Entities.Room> withMembers = rooms.stream().filter(r -> r.members() != null).toList();
    List<Tuple> members = new ArrayList<>();
    withMembers.forEach(r -> r.members().forEach(u -> members.add(Tuple.of(r.tenant(), r.id(), u))));
    return RoomNumbers.firstTaken(conn, ordered.subList(0, numbered))
        .compose(taken -> taken != null ? Future.<Void>failedFuture(taken) : Future.<Void>succeededFuture())
        .compose(v -> batch(conn, UPSERT_ROOM, ordered, r -> Tuple.of(r.tenant(), r.id(), r.number(), r.name())))
        .compose(v -> batch(conn, CLEAR_MEMBERS, withMembers, r -> Tuple.of(r.tenant(), r.id())))
        .compose(v -> batchTuples(conn, ADD_MEMBER, members));
  }

  private static Future<Void> messages(SqlConnection conn, List<Entities.Message> messages) {
    List<Entities.Message> withReactions = messages.stream().filter(m -> m.reactions() != null).toList();
    List<Entities.Message> withReads = messages.stream().filter(m -> m.readBy() != null).toList();
    List<Entities.Message> withHidden = messages.stream().filter(m -> m.hiddenBy() != null).toList();
    List<Tuple> reactions = new ArrayList<>();
    withReactions.forEach(m -> m.reactions().forEach(r -> reactions.add(
        Tuple.of(m.tenant(), m.id(), r.id(), r.user(), r.reaction(), r.createdAt()))));
    List<Tuple> reads = new ArrayList<>();
    withReads.forEach(m -> m.readBy().forEach(r -> reads.add(Tuple.of(m.tenant(), m.id(), r.user(), r.readAt()))));
    List<Tuple> hidden = new ArrayList<>();
    withHidden.forEach(m -> m.hiddenBy().forEach(u -> hidden.add(Tuple.of(m.tenant(), m.id(), u))));
    ExtrasFlags flags = ExtrasFlags.of(messages);
    return batch(conn, UPSERT_MESSAGE, messages, m -> messageTuple(m, flags))
        .compose(v -> batch(conn, CLEAR_REACTIONS, withReactions, m -> Tuple.of(m.tenant(), m.id())))
        .compose(v -> markReactionsLeaving(conn, reactions))
        .compose(v -> batchTuples(conn, ADD_REACTION, reactions))
        .compose(v -> batch(conn, CLEAR_READS, withReads, m -> Tuple.of(m.tenant(), m.id())))
        .compose(v -> batchTuples(conn, ADD_READ, reads))
        .compose(v -> batch(conn, CLEAR_HIDDEN, withHidden, m -> Tuple.of(m.tenant(), m.id())))
        .compose(v -> batchTuples(conn, ADD_HIDDEN, hidden));
  }

  /** One statement for the batch's reactions (their tenant at 0, their id at 2 of each tuple). */
  private static Future<Void> markReactionsLeaving(SqlConnection conn, List<Tuple> reactions) {
    if (reactions.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] tenants = new String[reactions.size()];
    String[] ids = new String[reactions.size()];
    for (int i = 0; i < reactions.size(); i++) {
      tenants[i] = reactions.get(i).getString(0);
      ids[i] = reactions.get(i).getString(2);
    }
    return conn.preparedQuery(MARK_REACTIONS_LEAVING)
        .execute(Tuple.tuple().addArrayOfString(tenants).addArrayOfString(ids)).mapEmpty();
  }

  private static Tuple messageTuple(Entities.Message m, ExtrasFlags flags) {
    Entities.Attachment a = m.attachment();
    List<Object> values = new ArrayList<>(29);
    values.addAll(List.of(m.tenant(), m.id(), m.room(), m.sender()));
    values.add(m.recipient());
    values.add(m.type());
    values.add(m.text());
    values.add(m.payloadJson());
    values.add(a == null ? null : a.id());
    values.add(a == null ? null : a.url());
    values.add(a == null ? null : a.name());
    values.add(a == null ? null : a.size());
    values.add(a == null ? null : a.contentType());
    values.add(a == null ? null : a.kind());
    values.add(a == null || a.width() == null ? null : a.width().intValue());
    values.add(a == null || a.height() == null ? null : a.height().intValue());
    values.add(a == null ? null : a.durationSeconds());
    values.add(a == null ? null : a.thumbnailUrl());
    values.add(m.creditTransferJson());
    values.add(m.actionButtonsJson());
    values.add(m.status());
    values.add(m.createdAt());
    values.add(m.updatedAt());
    values.add(m.messageTime());
    values.add(m.deleted());
    values.add(m.version());
    values.add(flags.reactions(m));
    values.add(flags.receipts(m));
    values.add(flags.hides(m));
    return Tuple.wrap(values);
  }

  private static <T> Future<Void> batch(SqlConnection conn, String sql, List<T> items, Function<T, Tuple> row) {
    return batchTuples(conn, sql, items.stream().map(row).toList());
  }

  private static Future<Void> batchTuples(SqlConnection conn, String sql, List<Tuple> tuples) {
    return tuples.isEmpty() ? Future.succeededFuture()
        : conn.preparedQuery(sql).executeBatch(tuples).mapEmpty();
  }
}
