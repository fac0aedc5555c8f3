package io.chatgw.gateway.dialect.deadsimplechat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatReader.Column;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.StoredJson;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a page row set of {@link DeadSimpleChatReader} as the DeadSimpleChat answer, the senders
 * and likers by the directory's profiles of their keys.
 */
final class DeadSimpleChatMessages {

  private DeadSimpleChatMessages() {}

  /** The senders and likers of a page's rows (none for an empty page: the room row alone). */
  static Set<Long> userPks(List<Row> rows) {
    Set<Long> pks = new HashSet<>();
    for (Row row : rows) {
      Long sender = row.getLong(Column.SENDER);
      if (sender != null) {
        pks.add(sender);
      }
      Long[] likers = row.getArrayOfLongs(Column.LIKE_USER_PKS);
      if (likers != null) {
        pks.addAll(List.of(likers));
      }
    }
    return pks;
  }

  static Buffer render(List<Row> rows, Map<Long, User> users, DeadSimpleChatParams params, String tenant) {
    Row first = rows.get(0);
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
          message(json, row, users, params.roomId(), tenant);
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static void message(JsonGenerator json, Row row, Map<Long, User> users, String roomId, String tenant)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("_id", row.getString(Column.ID));
    likes(json, row, users);
    json.writeFieldName("actionButtons");
    actionButtons(json, row.getString(Column.BUTTONS));
    json.writeStringField("created",
        TimeFormats.isoMillis(TimeFormats.epochMillis(row.getOffsetDateTime(Column.CREATED))));
    json.writeStringField("chatRoom", roomId);
    String text = row.getString(Column.TEXT);
    json.writeStringField("message", text == null ? "" : text);
    user(json, users.get(row.getLong(Column.SENDER)), tenant);
    json.writeStringField("customer", tenant);
    if (row.getString(Column.ATT_URL) != null) {
      file(json, row);
    }
    json.writeNumberField("__v", row.getInteger(Column.VERSION));
    json.writeEndObject();
  }

  /** Reactions, oldest first: {@code [{"_id","username","userId","reaction"}]}. */
  private static void likes(JsonGenerator json, Row row, Map<Long, User> users) throws IOException {
    json.writeArrayFieldStart("likes");
    String[] ids = row.getArrayOfStrings(Column.LIKE_IDS);
    if (ids != null) {
      Long[] userPks = row.getArrayOfLongs(Column.LIKE_USER_PKS);
      String[] reactions = row.getArrayOfStrings(Column.LIKE_REACTIONS);
      for (int i = 0; i < ids.length; i++) {
        User user = users.get(userPks[i]);
        json.writeStartObject();
        json.writeStringField("_id", ids[i]);
        json.writeStringField("username", user.username());
        json.writeStringField("userId", user.id());
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
    StoredJson.copy(json, stored, false);
  }

  private static void user(JsonGenerator json, User sender, String tenant) throws IOException {
    json.writeObjectFieldStart("user");
    json.writeStringField("_id", sender.id());
    if (sender.uniqueUserIdentifier() != null) {
      json.writeStringField("uniqueUserIdentifier", sender.uniqueUserIdentifier());
    }
    json.writeStringField("username", sender.username());
    json.writeStringField("parentCustomerAccount", tenant);
    json.writeBooleanField("isModerator", sender.isModerator());
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
