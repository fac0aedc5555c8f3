package io.chatgw.gateway.dialect.deadsimplechat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.io.IOException;

/** Renders a page row set of {@link DeadSimpleChatReader} as the DeadSimpleChat answer. */
final class DeadSimpleChatMessages {

  private static final int TOTAL = 0;
  private static final int ID = 1;
  private static final int CREATED = 2;
  private static final int TEXT = 3;
  private static final int BUTTONS = 4;
  private static final int VERSION = 5;
  private static final int USER_ID = 6;
  private static final int UNIQUE_USER_IDENTIFIER = 7;
  private static final int USERNAME = 8;
  private static final int IS_MODERATOR = 9;
  private static final int ATT_ID = 10;
  private static final int ATT_URL = 11;
  private static final int ATT_NAME = 12;
  private static final int ATT_SIZE = 13;
  private static final int ATT_CONTENT_TYPE = 14;
  private static final int ATT_KIND = 15;
  private static final int ATT_HEIGHT = 16;
  private static final int ATT_WIDTH = 17;
  private static final int LIKE_IDS = 18;
  private static final int LIKE_USERNAMES = 19;
  private static final int LIKE_USER_IDS = 20;
  private static final int LIKE_REACTIONS = 21;

  /** Re-reads the stored action buttons (PostgreSQL prints jsonb with spaces) to write them compact. */
  private static final JsonFactory BUTTONS_PARSER = new JsonFactory();

  private DeadSimpleChatMessages() {}

  static Buffer render(List<Row> rows, DeadSimpleChatParams params, String tenant) {
    Row first = rows.iterator().next();
    long total = first.getLong(TOTAL);
    // an empty page is the room row alone, its message columns null
    int count = first.getString(ID) == null ? 0 : rows.size();
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
    json.writeStringField("_id", row.getString(ID));
    likes(json, row);
    json.writeFieldName("actionButtons");
    actionButtons(json, row.getString(BUTTONS));
    json.writeStringField("created", TimeFormats.isoMillis(TimeFormats.epochMillis(row.getOffsetDateTime(CREATED))));
    json.writeStringField("chatRoom", roomId);
    String text = row.getString(TEXT);
    json.writeStringField("message", text == null ? "" : text);
    user(json, row, tenant);
    json.writeStringField("customer", tenant);
    if (row.getString(ATT_URL) != null) {
      file(json, row);
    }
    json.writeNumberField("__v", row.getInteger(VERSION));
    json.writeEndObject();
  }

  /** Reactions, oldest first: {@code [{"_id","username","userId","reaction"}]}. */
  private static void likes(JsonGenerator json, Row row) throws IOException {
    json.writeArrayFieldStart("likes");
    String[] ids = row.getArrayOfStrings(LIKE_IDS);
    if (ids != null) {
      String[] usernames = row.getArrayOfStrings(LIKE_USERNAMES);
      String[] userIds = row.getArrayOfStrings(LIKE_USER_IDS);
      String[] reactions = row.getArrayOfStrings(LIKE_REACTIONS);
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
    json.writeStringField("_id", row.getString(USER_ID));
    String unique = row.getString(UNIQUE_USER_IDENTIFIER);
    if (unique != null) {
      json.writeStringField("uniqueUserIdentifier", unique);
    }
    json.writeStringField("username", row.getString(USERNAME));
    json.writeStringField("parentCustomerAccount", tenant);
    json.writeBooleanField("isModerator", row.getBoolean(IS_MODERATOR));
    json.writeEndObject();
  }

  /** The attachment; members whose value the store does not know are left out (model.md). */
  private static void file(JsonGenerator json, Row row) throws IOException {
    json.writeObjectFieldStart("file");
    json.writeStringField("_id", row.getString(ATT_ID));
    json.writeStringField("url", row.getString(ATT_URL));
    optionalString(json, "fileName", row.getString(ATT_NAME));
    Long size = row.getLong(ATT_SIZE);
    if (size != null) {
      json.writeNumberField("size", size);
    }
    optionalString(json, "contentType", row.getString(ATT_CONTENT_TYPE));
    optionalString(json, "fileType", row.getString(ATT_KIND));
    Integer height = row.getInteger(ATT_HEIGHT);
    if (height != null) {
      json.writeNumberField("imageHeight", height);
    }
    Integer width = row.getInteger(ATT_WIDTH);
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
