package io.chatgw.gateway.dialect.imkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chatgw.gateway.dialect.imkit.ImkitReader.Column;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a page of rows as the IMKit success body, message keys in the vendor's order; senders
 * and reactors by their profiles. Reads the columns of {@link ImkitReader}.
 */
final class ImkitPage {

  private static final JsonFactory PAYLOADS = new JsonFactory();

  private ImkitPage() {}

  /** The senders and reactors of these rows. */
  static Set<Long> userPks(List<Row> rows) {
    Set<Long> pks = new HashSet<>();
    for (Row row : rows) {
      pks.add(row.getLong(Column.SENDER));
      Long[] reactors = row.getArrayOfLongs(Column.REACTION_USERS);
      if (reactors != null) {
        pks.addAll(Arrays.asList(reactors));
      }
    }
    return pks;
  }

  /** {@code first} carries the window (any row of the statement does), {@code rows} the page, newest first. */
  static Buffer render(Row first, List<Row> rows, Map<Long, User> users, String tenant, ImkitParams params,
      long tookMillis) {
    return JsonBuffers.render(256 + rows.size() * 512, json -> {
      List<String> hidden = new ArrayList<>();
      json.writeStartObject();
      json.writeNumberField("RC", 0);
      json.writeStringField("RM", "OK");
      json.writeObjectFieldStart("result");
      json.writeNumberField("totalCount", first.getLong(Column.COUNT_ALL));
      json.writeArrayFieldStart("data");
      for (Row row : rows) {
        message(json, row, users, params.roomId());
        if (row.getBoolean(Column.HIDDEN)) {
          hidden.add(row.getString(Column.ID));
        }
      }
      json.writeEndArray();
      json.writeArrayFieldStart("userDeletedIDs");
      for (String id : hidden) {
        json.writeString(id);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("inspect");
      json.writeFieldName("query");
      query(json, first, tenant, params);
      json.writeNumberField("tookMS", tookMillis);
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private static void message(JsonGenerator json, Row row, Map<Long, User> users, String roomId) throws IOException {
    String id = row.getString(Column.ID);
    json.writeStartObject();
    int reactionCount = reactions(json, row, users);
    json.writeStringField("_id", id);
    json.writeFieldName("message");
    String payload = row.getString(Column.PAYLOAD);
    if (payload != null) {
      copyJson(json, payload);
    } else {
      String text = row.getString(Column.TEXT);
      json.writeString(text == null ? "" : text);
    }
    json.writeStringField("room", roomId);
    sender(json, users.get(row.getLong(Column.SENDER)));
    json.writeStringField("messageType", row.getString(Column.TYPE));
    json.writeStringField("id", id);
    json.writeNumberField("messageTimeMS", millis(row.getOffsetDateTime(Column.MESSAGE_TIME)));
    json.writeNumberField("updatedAtMS", millis(row.getOffsetDateTime(Column.UPDATED)));
    json.writeNumberField("createdAtMS", millis(row.getOffsetDateTime(Column.CREATED)));
    json.writeNumberField("reactionCount", reactionCount);
    json.writeBooleanField("isDeleted", row.getBoolean(Column.DELETED));
    json.writeEndObject();
  }

  /** Writes {@code reactions} and answers how many there are. */
  private static int reactions(JsonGenerator json, Row row, Map<Long, User> users) throws IOException {
    Long[] reactors = row.getArrayOfLongs(Column.REACTION_USERS);
    String[] names = row.getArrayOfStrings(Column.REACTION_NAMES);
    OffsetDateTime[] times = row.getArrayOfOffsetDateTimes(Column.REACTION_TIMES);
    int count = reactors == null ? 0 : reactors.length;
    json.writeArrayFieldStart("reactions");
    for (int i = 0; i < count; i++) {
      json.writeStartObject();
      json.writeStringField("userId", users.get(reactors[i]).id());
      json.writeStringField("reaction", names[i]);
      json.writeNumberField("createdAtMS", millis(times[i]));
      json.writeEndObject();
    }
    json.writeEndArray();
    return count;
  }

  private static void sender(JsonGenerator json, User sender) throws IOException {
    json.writeObjectFieldStart("sender");
    json.writeStringField("_id", sender.id());
    json.writeStringField("nickname", sender.nickname());
    if (sender.description() != null) {
      json.writeStringField("description", sender.description());
    }
    if (sender.avatarUrl() != null) {
      json.writeStringField("avatarUrl", sender.avatarUrl());
    }
    json.writeStringField("id", sender.id());
    if (sender.lastLoginAt() != null) {
      json.writeNumberField("lastLoginTimeMS", millis(sender.lastLoginAt()));
    }
    json.writeEndObject();
  }

  /**
   * The applied filter, Mongo-style like the vendor's: tenant, room, the bounds on K as ISO
   * strings ({@code $gt} afterTime, {@code $gte}/{@code $lte} the anchors' K, whose ties are cut by
   * insertion order) and the anchor ids.
   */
  private static void query(JsonGenerator json, Row first, String tenant, ImkitParams params) throws IOException {
    json.writeStartObject();
    json.writeStringField("appID", tenant);
    json.writeStringField("room", params.roomId());
    OffsetDateTime afterK = first.getOffsetDateTime(Column.AFTER_K);
    OffsetDateTime beforeK = first.getOffsetDateTime(Column.BEFORE_K);
    if (params.afterTime() != null || afterK != null || beforeK != null) {
      json.writeObjectFieldStart(params.field().param);
      if (params.afterTime() != null) {
        json.writeStringField("$gt", TimeFormats.isoMillis(millis(params.afterTime())));
      }
      if (afterK != null) {
        json.writeStringField("$gte", TimeFormats.isoMillis(millis(afterK)));
      }
      if (beforeK != null) {
        json.writeStringField("$lte", TimeFormats.isoMillis(millis(beforeK)));
      }
      json.writeEndObject();
    }
    if (params.afterMessage() != null) {
      json.writeStringField("afterMessage", params.afterMessage());
    }
    if (params.beforeMessage() != null) {
      json.writeStringField("beforeMessage", params.beforeMessage());
    }
    json.writeEndObject();
  }

  /** Re-emits JSON text from PostgreSQL compactly; numbers keep their exact digits. */
  private static void copyJson(JsonGenerator json, String text) throws IOException {
    try (JsonParser parser = PAYLOADS.createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          json.writeNumber(parser.getText());
        } else {
          json.copyCurrentEvent(parser);
        }
      }
    }
  }

  private static long millis(OffsetDateTime time) {
    return TimeFormats.epochMillis(time);
  }
}
