package io.chatgw.gateway.dialect.deadsimplechat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatReader.Column;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.io.IOException;

/** Renders a page row set of {@link DeadSimpleChatReader} as the DeadSimpleChat answer. */
final class DeadSimpleChatMessages {

  /** Re-reads the stored action buttons (PostgreSQL prints jsonb with spaces) to write them compact. */
  private static final JsonFactory BUTTONS_PARSER = new JsonFactory();

  private DeadSimpleChatMessages() {}

  static Buffer render(List<Row> rows, DeadSimpleChatParams params, String tenant) {
    Row first = rows.iterator().next();
    long total = first.getLong(Column.TOTAL);
    // an empty page is the room row alone, its message columns null
    int count = first.getString(Column.ID) == null ? 0 : rows.size();
    return JsonBuffers.render(128 + count * 512, json -> {
      json.writeStartObject();
      json.writeNumberField("limit", params.limit());
      json.writeNumberField("skip", params.skip());
      json.writeNumberField("totalRecords", total);
      json.writeNumberField("count", count);
      json.writeArrayFieldStart("messages");
      if (count > 0) {
        for (Row row : rows) {
          message(json, row, params.roomId(), tenant);
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static void message(JsonGenerator json, Row row, String roomId, String tenant) throws IOException {
    json.writeStartObject();
    json.writeStringField("_id", row.getString(Column.ID));
    likes(json, row);
    json.writeFieldName("actionButtons");
    actionButtons(json, row.getString(Column.BUTTONS));
    json.writeStringField("created",
        TimeFormats.isoMillis(TimeFormats.epochMillis(row.getOffsetDateTime(Column.CREATED))));
    json.writeStringField("chatRoom", roomId);
    String text = row.getString(Column.TEXT);
    json.writeStringField("message", text == null ? "" : text);
    user(json, row, tenant);
    json.writeStringField("customer", tenant);
    if (row.getString(Column.ATT_URL) != null) {
      file(json, row);
    }
    json.writeNumberField("__v", row.getInteger(Column.VERSION));
    json.writeEndObject();
  }

  /** Reactions, oldest first: {@code [{"_id","username","userId","reaction"}]}. */
  private static void likes(JsonGenerator json, Row row) throws IOException {
    json.writeArrayFieldStart("likes");
    String[] ids = row.getArrayOfStrings(Column.LIKE_IDS);
    if (ids != null) {
      String[] usernames = row.getArrayOfStrings(Column.LIKE_USERNAMES);
      String[] userIds = row.getArrayOfStrings(Column.LIKE_USER_IDS);
      String[] reactions = row.getArrayOfStrings(Column.LIKE_REACTIONS);
      for (int i = 0; i < ids.length; i++) {
        json.writeStartObject();
        json.writeStringField("_id", ids[i]);
        json.writeStringField("username", usernames[i]);
        json.writeStringField("userId", userIds[i]);
        json.writeStringField("reaction", reactions[i]);
        json.writeEndObject();
      }
    }
    json.writeEndArray();
  }

  private static void actionButtons(JsonGenerator json, String stored) throws IOException {
    if (stored == null || "[]".equals(stored)) {
      json.writeStartArray();
      json.writeEndArray();
      return;
    }
    try (JsonParser parser = BUTTONS_PARSER.createParser(stored)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isNumeric()) {
          json.writeNumber(parser.getText()); // the stored digits exactly, never via a double
        } else {
          json.copyCurrentEvent(parser);
        }
      }
    }
  }

  private static void user(JsonGenerator json, Row row, String tenant) throws IOException {
    json.writeObjectFieldStart("user");
    json.writeStringField("_id", row.getString(Column.USER_ID));
    String unique = row.getString(Column.UNIQUE_USER_IDENTIFIER);
    if (unique != null) {
      json.writeStringField("uniqueUserIdentifier", unique);
    }
    json.writeStringField("username", row.getString(Column.USERNAME));
    json.writeStringField("parentCustomerAccount", tenant);
    json.writeBooleanField("isModerator", row.getBoolean(Column.IS_MODERATOR));
    json.writeEndObject();
  }

  /** The attachment; members whose value the store does not know are left out (model.md). */
  private static void file(JsonGenerator json, Row row) throws IOException {
    json.writeObjectFieldStart("file");
    json.writeStringField("_id", row.getString(Column.ATT_ID));
    json.writeStringField("url", row.getString(Column.ATT_URL));
    optionalString(json, "fileName", row.getString(Column.ATT_NAME));
    Long size = row.getLong(Column.ATT_SIZE);
    if (size != null) {
      json.writeNumberField("size", size);
    }
    optionalString(json, "contentType", row.getString(Column.ATT_CONTENT_TYPE));
    optionalString(json, "fileType", row.getString(Column.ATT_KIND));
    Integer height = row.getInteger(Column.ATT_HEIGHT);
    if (height != null) {
      json.writeNumberField("imageHeight", height);
    }
    Integer width = row.getInteger(Column.ATT_WIDTH);
    if (width != null) {
      json.writeNumberField("imageWidth", width);
    }
    json.writeEndObject();
  }

  private static void optionalString(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
