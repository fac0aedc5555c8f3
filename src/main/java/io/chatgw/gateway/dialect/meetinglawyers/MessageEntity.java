package io.chatgw.gateway.dialect.meetinglawyers;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersReader.Column;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.chatgw.gateway.directory.User;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * Renders the MeetingLawyers "Message entity": a bare array, keys in the vendor's order, the
 * type-specific members by the rendered type. Reads the columns of {@link MeetingLawyersReader}.
 */
final class MessageEntity {

  private MessageEntity() {}

  /** The senders and recipients of these rows. */
  static Set<Long> userPks(List<Row> rows) {
    Set<Long> pks = new HashSet<>();
    for (Row row : rows) {
      pks.add(row.getLong(Column.FROM));
      Long to = row.getLong(Column.TO);
      if (to != null) {
        pks.add(to);
      }
    }
    return pks;
  }

  static Buffer renderAll(List<Row> rows, Map<Long, User> users, long roomNumber) {
    return JsonBuffers.render(16 + rows.size() * 320, json -> {
      json.writeStartArray();
      for (Row row : rows) {
        render(json, row, users, roomNumber);
      }
      json.writeEndArray();
    });
  }

  private static void render(JsonGenerator json, Row row, Map<Long, User> users, long roomNumber)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("from_user_id", users.get(row.getLong(Column.FROM)).id());
    Long to = row.getLong(Column.TO);
    if (to != null) {
      json.writeStringField("to_user_id", users.get(to).id());
    }
    json.writeNumberField("room_id", roomNumber);
    json.writeStringField("message_id", row.getString(Column.ID));
    json.writeStringField("status", row.getString(Column.STATUS));
    String url = row.getString(Column.URL);
    String type = renderedType(row.getString(Column.TYPE), url != null);
    json.writeStringField("type", type);
    switch (type) {
      case "image" -> image(json, row, url);
      case "file" -> file(json, row, url);
      default -> json.writeStringField("text", textOf(row));
    }
    OffsetDateTime created = row.getOffsetDateTime(Column.CREATED);
    json.writeStringField("created_at", TimeFormats.isoSecondsNoZone(TimeFormats.epochMillis(created)));
    json.writeEndObject();
  }

  /**
   * The stored type when it is text, image or file and can be rendered as such; image and file
   * need an attachment, so without one they render as text, like any other kind does. Any other
   * kind renders as file when it has an attachment.
   */
  static String renderedType(String stored, boolean hasAttachment) {
    return switch (stored) {
      case "text" -> "text";
      case "image", "file" -> hasAttachment ? stored : "text";
      default -> hasAttachment ? "file" : "text";
    };
  }

  private static String textOf(Row row) {
    String text = row.getString(Column.TEXT);
    return text == null ? "" : text;
  }

  private static void image(JsonGenerator json, Row row, String url) throws IOException {
    json.writeStringField("image_url", url);
    String thumbnail = row.getString(Column.THUMBNAIL);
    json.writeStringField("image_thumb_url", thumbnail != null ? thumbnail : url);
    decimalIfKnown(json, "image_width", row.getInteger(Column.WIDTH));
    decimalIfKnown(json, "image_height", row.getInteger(Column.HEIGHT));
  }

  /** A file's name and size are left out when unknown (model.md: unknown members are left out). */
  private static void file(JsonGenerator json, Row row, String url) throws IOException {
    json.writeStringField("file_url", url);
    String name = row.getString(Column.NAME);
    if (name != null) {
      json.writeStringField("file_name", name);
    }
    Long size = row.getLong(Column.SIZE);
    if (size != null) {
      json.writeStringField("file_size", Long.toString(kibRoundedUp(size)));
    }
  }

  /** Bytes to KiB, rounded up: 0 → 0, 1 → 1, 1024 → 1, 1025 → 2 (no overflow near Long.MAX_VALUE). */
  static long kibRoundedUp(long bytes) {
    return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
  }

  private static void decimalIfKnown(JsonGenerator json, String field, Integer value) throws IOException {
    if (value != null) {
      json.writeStringField(field, Integer.toString(value));
    }
  }
}
