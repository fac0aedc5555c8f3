package io.chatgw.gateway.dialect.imkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Renders a page of rows as the IMKit success body, message keys in the vendor's order. */
final class ImkitPage {

  private static final JsonFactory PAYLOADS = new JsonFactory();

  private ImkitPage() {}

  static Buffer render(List<Row> rows, String tenant, ImkitParams params, long tookMillis) {
    return JsonBuffers.render(256 + rows.size() * 512, json -> {
      Row first = rows.iterator().next();
      List<String> hidden = new ArrayList<>();
      json.writeStartObject();
      json.writeNumberField("RC", 0);
      json.writeStringField("RM", "OK");
      json.writeObjectFieldStart("result");
      json.writeNumberField("totalCount", first.getLong("count_all"));
      json.writeArrayFieldStart("data");
      for (Row row : rows) {
        if (row.getString("id") == null) {
          continue; // the room exists and the caller is a member, but the window is empty
        }
        message(json, row, params.roomId());
        if (row.getBoolean("hidden")) {
          hidden.add(row.getString("id"));
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

  private static void message(JsonGenerator json, Row row, String roomId) throws IOException {
    String id = row.getString("id");
    json.writeStartObject();
    int reactionCount = reactions(json, row);
    json.writeStringField("_id", id);
    json.writeFieldName("message");
    String payload = row.getString("payload");
    if (payload != null) {
      copyJson(json, payload);
    } else {
      String text = row.getString("text");
      json.writeString(text == null ? "" : text);
    }
    json.writeStringField("room", roomId);
    sender(json, row);
    json.writeStringField("messageType", row.getString("type"));
    json.writeStringField("id", id);
    json.writeNumberField("messageTimeMS", millis(row.getOffsetDateTime("message_time")));
    json.writeNumberField("updatedAtMS", millis(row.getOffsetDateTime("updated_at")));
    json.writeNumberField("createdAtMS", millis(row.getOffsetDateTime("created_at")));
    json.writeNumberField("reactionCount", reactionCount);
    json.writeBooleanField("isDeleted", row.getBoolean("deleted"));
    json.writeEndObject();
  }

  /** Writes {@code reactions} and answers how many there are. */
  private static int reactions(JsonGenerator json, Row row) throws IOException {
    String[] users = row.getArrayOfStrings("reaction_users");
    String[] names = row.getArrayOfStrings("reaction_names");
    OffsetDateTime[] times = row.getArrayOfOffsetDateTimes("reaction_times");
    int count = users == null ? 0 : users.length;
    json.writeArrayFieldStart("reactions");
    for (int i = 0; i < count; i++) {
      json.writeStartObject();
      json.writeStringField("userId", users[i]);
      json.writeStringField("reaction", names[i]);
      json.writeNumberField("createdAtMS", millis(times[i]));
      json.writeEndObject();
    }
    json.writeEndArray();
    return count;
  }

  private static void sender(JsonGenerator json, Row row) throws IOException {
    String id = row.getString("sender_id");
    json.writeObjectFieldStart("sender");
    json.writeStringField("_id", id);
    json.writeStringField("nickname", row.getString("nickname"));
    String description = row.getString("description");
    if (description != null) {
      json.writeStringField("description", description);
    }
    String avatar = row.getString("avatar_url");
    if (avatar != null) {
      json.writeStringField("avatarUrl", avatar);
    }
    json.writeStringField("id", id);
    OffsetDateTime lastLogin = row.getOffsetDateTime("last_login_at");
    if (lastLogin != null) {
      json.writeNumberField("lastLoginTimeMS", millis(lastLogin));
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
    OffsetDateTime afterK = first.getOffsetDateTime("after_k");
    OffsetDateTime beforeK = first.getOffsetDateTime("before_k");
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
