package io.chatgw.gateway.dialect.allmine;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatgw.gateway.dialect.allmine.AllmineReader.Column;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.directory.RoomMembers;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.StoredJson;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders an Allmine answer from the rows of {@link AllmineReader}, byte for byte as PostgreSQL
 * built it before (json_build_object under json_strip_nulls): absent members left out, nested ones
 * too; PostgreSQL's escapes ({@link JsonBuffers#renderAsPostgres}); times as to_char's {@code .MS}
 * (truncated to the millisecond).
 */
final class AllmineMessages {

  private static final String[] CREDIT_MEMBERS = {"amount", "recipientId", "senderId"};

  private record Receipt(Instant readAt, String userId) {}

  private static final Comparator<Receipt> RECEIPT_ORDER = Comparator.comparing(Receipt::readAt)
      .thenComparing(Receipt::userId, CollateC.ORDER);

  private AllmineMessages() {}

  /** The members, senders and readers of a page, for one lookup in the directory. */
  static Set<Long> userPks(List<Row> rows, RoomMembers members) {
    Set<Long> pks = new HashSet<>();
    for (long pk : members.userPks()) {
      pks.add(pk);
    }
    for (Row row : rows) {
      pks.add(row.getLong(Column.SENDER));
      Long[] readers = row.getArrayOfLongs(Column.READERS);
      if (readers != null) {
        pks.addAll(List.of(readers));
      }
    }
    return pks;
  }

  static Buffer render(Room room, List<Row> rows, RoomMembers members, Map<Long, User> users, AllminePage page) {
    return JsonBuffers.renderAsPostgres(256 + rows.size() * 400 + members.size() * 160, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("messages");
      for (Row row : rows) {
        message(json, row, room.id(), users);
      }
      json.writeEndArray();
      AllmineParticipants.write(json, members, users);
      json.writeNumberField("page", page.page());
      json.writeNumberField("limit", page.limit());
      json.writeNumberField("total", page.total());
      json.writeNumberField("totalPages", page.totalPages());
      json.writeBooleanField("hasNextPage", page.hasNextPage());
      json.writeBooleanField("hasPreviousPage", page.hasPreviousPage());
      json.writeEndObject();
    });
  }

  private static void message(JsonGenerator json, Row row, String chatId, Map<Long, User> users)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("_id", row.getString(Column.ID));
    json.writeStringField("chatId", chatId);
    json.writeStringField("senderId", users.get(row.getLong(Column.SENDER)).id());
    json.writeStringField("type", row.getString(Column.TYPE));
    String text = row.getString(Column.TEXT);
    json.writeStringField("content", text == null ? "" : text);
    if (row.getString(Column.URL) != null) {
      media(json, row);
    }
    String[] credit = row.getArrayOfStrings(Column.CREDIT);
    if (credit != null) {
      creditTransfer(json, credit);
    }
    readBy(json, row, users);
    json.writeStringField("createdAt", time(row.getOffsetDateTime(Column.CREATED)));
    json.writeStringField("updatedAt", time(row.getOffsetDateTime(Column.UPDATED)));
    json.writeEndObject();
  }

  private static void media(JsonGenerator json, Row row) throws IOException {
    json.writeObjectFieldStart("media");
    json.writeStringField("url", row.getString(Column.URL));
    optionalString(json, "type", row.getString(Column.KIND));
    optionalString(json, "name", row.getString(Column.NAME));
    Long size = row.getLong(Column.SIZE);
    if (size != null) {
      json.writeNumberField("size", size);
    }
    String duration = row.getString(Column.DURATION);
    if (duration != null) {
      json.writeFieldName("duration");
      float8(json, duration);
    }
    Integer width = row.getInteger(Column.WIDTH);
    if (width != null) {
      json.writeNumberField("width", width);
    }
    Integer height = row.getInteger(Column.HEIGHT);
    if (height != null) {
      json.writeNumberField("height", height);
    }
    optionalString(json, "thumbnail_url", row.getString(Column.THUMBNAIL));
    json.writeEndObject();
  }

  /** A float8 as PostgreSQL's JSON writes it: its printed digits, or a string for NaN and the infinities. */
  private static void float8(JsonGenerator json, String printed) throws IOException {
    if (printed.equals("NaN") || printed.endsWith("Infinity")) {
      json.writeString(printed);
    } else {
      json.writeNumber(printed);
    }
  }

  /** An object even when all three members are absent or null ({@code {}}, as before). */
  private static void creditTransfer(JsonGenerator json, String[] members) throws IOException {
    json.writeObjectFieldStart("creditTransfer");
    for (int i = 0; i < CREDIT_MEMBERS.length; i++) {
      String value = members[i];
      if (value != null && !"null".equals(value)) {
        json.writeFieldName(CREDIT_MEMBERS[i]);
        StoredJson.copy(json, value, true);
      }
    }
    json.writeEndObject();
  }

  /** The readers' ids by (read_at, user id COLLATE "C"); {@code []} without receipts. */
  private static void readBy(JsonGenerator json, Row row, Map<Long, User> users) throws IOException {
    json.writeArrayFieldStart("readBy");
    Long[] readers = row.getArrayOfLongs(Column.READERS);
    if (readers != null) {
      OffsetDateTime[] readAts = row.getArrayOfOffsetDateTimes(Column.READ_ATS);
      List<Receipt> receipts = new ArrayList<>(readers.length);
      for (int i = 0; i < readers.length; i++) {
        User reader = users.get(readers[i]);
        if (reader != null) {
          receipts.add(new Receipt(readAts[i].toInstant(), reader.id()));
        }
      }
      receipts.sort(RECEIPT_ORDER);
      for (Receipt receipt : receipts) {
        json.writeString(receipt.userId());
      }
    }
    json.writeEndArray();
  }

  private static String time(OffsetDateTime time) {
    return TimeFormats.isoMillisAsPostgres(TimeFormats.epochMillis(time));
  }

  private static void optionalString(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
