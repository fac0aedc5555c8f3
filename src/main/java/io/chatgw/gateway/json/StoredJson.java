package io.chatgw.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Copies JSON the store printed (jsonb as text, with spaces) into a generator, compact. Numbers
 * keep their digits exactly, never via a double, and may be as long as PostgreSQL's numeric allows
 * (jsonb prints 1e1000 with all its digits, past Jackson's default limit of 1000).
 */
public final class StoredJson {

  private static final JsonFactory PARSER = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
      .build();

  private StoredJson() {}

  /**
   * Writes {@code stored} as the next value; with {@code stripNullMembers}, object members whose
   * value is null are left out at every depth, as json_strip_nulls does (array elements stay).
   */
  public static void copy(JsonGenerator out, String stored, boolean stripNullMembers) throws IOException {
    try (JsonParser parser = PARSER.createParser(stored)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (stripNullMembers && token == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          token = parser.nextToken();
          if (token == JsonToken.VALUE_NULL) {
            continue;
          }
          out.writeFieldName(name);
        }
        if (token.isNumeric()) {
          out.writeNumber(parser.getText());
        } else {
          out.copyCurrentEvent(parser);
        }
      }
    }
  }
}
