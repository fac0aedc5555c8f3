package io.chatgw.gateway.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * A row of {@link FeedStore#SELECT_CHANGES_AFTER} as the native API's message ({@code
 * native-api.md}): members whose value is unknown are left out, {@code "deleted": true} is added
 * for a deletion.
 */
final class FeedMessages {

  private FeedMessages() {}

  static Buffer render(Row row, User sender) {
    return JsonBuffers.render(512, json -> {
      json.writeStartObject();
      json.writeStringField("id", row.getString(3));
      json.writeStringField("room", row.getString(2));
      if (sender != null) {
        json.writeObjectFieldStart("sender");
        json.writeStringField("id", sender.id());
        json.writeStringField("username", sender.username());
        json.writeStringField("nickname", sender.nickname());
        if (sender.avatarUrl() != null) {
          json.writeStringField("avatarUrl", sender.avatarUrl());
        }
        json.writeEndObject();
      }
      json.writeStringField("type", row.getString(5));
      if (row.getString(6) != null) {
        json.writeStringField("text", row.getString(6));
      }
      raw(json, "payload", row.getString(7));
      if (row.getString(9) != null) {
        attachment(json, row);
      }
      rawOrEmpty(json, "reactions", row.getString(22));
      rawOrEmpty(json, "readBy", row.getString(23));
      json.writeStringField("createdAt", iso(row.getOffsetDateTime(18)));
      json.writeStringField("updatedAt", iso(row.getOffsetDateTime(19)));
      json.writeNumberField("version", row.getInteger(20));
      if (row.getBoolean(21)) {
        json.writeBooleanField("deleted", true);
      }
      json.writeEndObject();
    });
  }

  private static void attachment(JsonGenerator json, Row row) throws IOException {
    json.writeObjectFieldStart("attachment");
    string(json, "id", row.getString(8));
    string(json, "url", row.getString(9));
    string(json, "name", row.getString(10));
    if (row.getLong(11) != null) {
      json.writeNumberField("size", row.getLong(11));
    }
    string(json, "contentType", row.getString(12));
    string(json, "kind", row.getString(13));
    if (row.getInteger(14) != null) {
      json.writeNumberField("width", row.getInteger(14));
    }
    if (row.getInteger(15) != null) {
      json.writeNumberField("height", row.getInteger(15));
    }
    if (row.getDouble(16) != null) {
      json.writeNumberField("durationSeconds", row.getDouble(16));
    }
    string(json, "thumbnailUrl", row.getString(17));
    json.writeEndObject();
  }

  private static void string(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  /** Stored JSON (PostgreSQL's own text of it), copied as it is. */
  private static void raw(JsonGenerator json, String name, String stored) throws IOException {
    if (stored != null && !stored.equals("null")) {
      json.writeFieldName(name);
      json.writeRawValue(stored);
    }
  }

  private static void rawOrEmpty(JsonGenerator json, String name, String stored) throws IOException {
    json.writeFieldName(name);
    if (stored == null) {
      json.writeStartArray();
      json.writeEndArray();
    } else {
      json.writeRawValue(stored);
    }
  }

  private static String iso(OffsetDateTime time) {
    return TimeFormats.isoMillis(TimeFormats.epochMillis(time));
  }
}
