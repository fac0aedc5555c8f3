package io.chatgw.gateway.dialect.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.json.StoredJson;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Renders a native message (native-api.md, "Message") from the columns of {@link MessageRows},
 * which start at {@code at} in the row: members in the spec's order, absent ones left out, times
 * ISO-8601 UTC with milliseconds; users by their profiles from the directory.
 */
public final class MessageJson {

  private MessageJson() {}

  /** The senders, reactors and readers of these rows: the profiles {@link #write} needs. */
  public static Set<Long> userPks(Collection<Row> rows, int at) {
    Set<Long> pks = new HashSet<>();
    for (Row row : rows) {
      pks.add(row.getLong(at + MessageRows.SENDER));
      addAll(pks, row.getArrayOfLongs(at + MessageRows.REACTION_USERS));
      addAll(pks, row.getArrayOfLongs(at + MessageRows.READ_USERS));
    }
    return pks;
  }

  private static void addAll(Set<Long> pks, Long[] more) {
    if (more != null) {
      pks.addAll(Arrays.asList(more));
    }
  }

  /**
   * Writes one message of room {@code roomId}; a deleted one (only the feed sends them) carries
   * {@code "deleted": true}.
   */
  public static void write(JsonGenerator json, Row row, int at, String roomId, Map<Long, User> users)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", row.getString(at + MessageRows.ID));
    json.writeStringField("room", roomId);
    sender(json, users.get(row.getLong(at + MessageRows.SENDER)));
    json.writeStringField("type", row.getString(at + MessageRows.TYPE));
    String text = row.getString(at + MessageRows.TEXT);
    if (text != null) {
      json.writeStringField("text", text);
    }
    String payload = row.getString(at + MessageRows.PAYLOAD);
    if (payload != null) {
      json.writeFieldName("payload");
      StoredJson.copy(json, payload, false);
    }
    attachment(json, row, at);
    reactions(json, row, at, users);
    readBy(json, row, at, users);
    json.writeStringField("createdAt", iso(row.getOffsetDateTime(at + MessageRows.CREATED)));
    json.writeStringField("updatedAt", iso(row.getOffsetDateTime(at + MessageRows.UPDATED)));
    json.writeNumberField("version", row.getInteger(at + MessageRows.VERSION));
    if (row.getBoolean(at + MessageRows.DELETED)) {
      json.writeBooleanField("deleted", true);
    }
    json.writeEndObject();
  }

  private static void sender(JsonGenerator json, User sender) throws IOException {
    json.writeObjectFieldStart("sender");
    json.writeStringField("id", sender.id());
    json.writeStringField("username", sender.username());
    json.writeStringField("nickname", sender.nickname());
    if (sender.avatarUrl() != null) {
      json.writeStringField("avatarUrl", sender.avatarUrl());
    }
    json.writeEndObject();
  }

  /** The model's members (model.md, "attachment") whose value is known; none without a url. */
  private static void attachment(JsonGenerator json, Row row, int at) throws IOException {
    String url = row.getString(at + MessageRows.ATT_URL);
    if (url == null) {
      return;
    }
    json.writeObjectFieldStart("attachment");
    string(json, "id", row.getString(at + MessageRows.ATT_ID));
    json.writeStringField("url", url);
    string(json, "name", row.getString(at + MessageRows.ATT_NAME));
    Long size = row.getLong(at + MessageRows.ATT_SIZE);
    if (size != null) {
      json.writeNumberField("size", size);
    }
    string(json, "contentType", row.getString(at + MessageRows.ATT_CONTENT_TYPE));
    string(json, "kind", row.getString(at + MessageRows.ATT_KIND));
    Integer width = row.getInteger(at + MessageRows.ATT_WIDTH);
    if (width != null) {
      json.writeNumberField("width", width);
    }
    Integer height = row.getInteger(at + MessageRows.ATT_HEIGHT);
    if (height != null) {
      json.writeNumberField("height", height);
    }
    Double duration = row.getDouble(at + MessageRows.ATT_DURATION);
    if (duration != null) {
      json.writeNumberField("durationSeconds", duration);
    }
    string(json, "thumbnailUrl", row.getString(at + MessageRows.ATT_THUMBNAIL));
    json.writeEndObject();
  }

  private static void reactions(JsonGenerator json, Row row, int at, Map<Long, User> users) throws IOException {
    Long[] reactors = row.getArrayOfLongs(at + MessageRows.REACTION_USERS);
    String[] names = row.getArrayOfStrings(at + MessageRows.REACTION_NAMES);
    OffsetDateTime[] times = row.getArrayOfOffsetDateTimes(at + MessageRows.REACTION_TIMES);
    json.writeArrayFieldStart("reactions");
    for (int i = 0; reactors != null && i < reactors.length; i++) {
      json.writeStartObject();
      json.writeStringField("user", users.get(reactors[i]).id());
      json.writeStringField("reaction", names[i]);
      json.writeStringField("createdAt", iso(times[i]));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void readBy(JsonGenerator json, Row row, int at, Map<Long, User> users) throws IOException {
    Long[] readers = row.getArrayOfLongs(at + MessageRows.READ_USERS);
    OffsetDateTime[] times = row.getArrayOfOffsetDateTimes(at + MessageRows.READ_TIMES);
    json.writeArrayFieldStart("readBy");
    for (int i = 0; readers != null && i < readers.length; i++) {
      json.writeStartObject();
      json.writeStringField("user", users.get(readers[i]).id());
      json.writeStringField("readAt", iso(times[i]));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void string(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  private static String iso(OffsetDateTime time) {
    return TimeFormats.isoMillis(TimeFormats.epochMillis(time));
  }
}
