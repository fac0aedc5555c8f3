package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.List;

/**
 * Allmine errors: the vendor's wrapper with every field present,
 * {@code {"isSuccess":false,"statusCode":400,"data":null,"errors":[...],"timestamp":"<ISO ms Z>"}}.
 * The first error line is the status's fixed text; only a 400 adds its validation details.
 */
final class AllmineErrors implements ErrorRenderer {

  static final int VALIDATION = 400;
  static final int FORBIDDEN = 403;
  static final int NOT_FOUND = 404;

  private final Clock clock;

  AllmineErrors(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Buffer render(int status, List<String> details) {
    String timestamp = TimeFormats.isoMillis(clock.millis());
    return JsonBuffers.render(160, json -> {
      json.writeStartObject();
      json.writeBooleanField("isSuccess", false);
      json.writeNumberField("statusCode", status);
      json.writeNullField("data");
      json.writeArrayFieldStart("errors");
      json.writeString(headline(status));
      if (status == VALIDATION) {
        for (String detail : details) {
          json.writeString(detail);
        }
      }
      json.writeEndArray();
      json.writeStringField("timestamp", timestamp);
      json.writeEndObject();
    });
  }

  static String headline(int status) {
    return switch (status) {
      case 400 -> "Validation failed";
      case 401 -> "Authentication required";
      case 403 -> "Insufficient permissions";
      case 404 -> "Resource not found";
      case 429 -> "Too many requests";
      case 503 -> "Service unavailable";
      default -> "Internal server error";
    };
  }
}
