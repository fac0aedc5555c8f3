package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * IMKit errors: {@code {"RC":<status>,"RM":"<text>","error":{"code":"<CODE>","message":"<text>"}}}
 * with the vendor's texts; a 400 shows its first detail line as the message.
 */
final class ImkitErrors implements ErrorRenderer {

  static final int INVALID_PARAMETER = 400;
  static final int NOT_ROOM_MEMBER = 403;
  static final int ROOM_NOT_FOUND = 404;

  @Override
  public Buffer render(int status, List<String> details) {
    return switch (status) {
      case 400 -> body(400, "Bad Request", "INVALID_PARAMETER",
          details.isEmpty() ? "Invalid parameter" : details.get(0));
      case 401 -> body(401, "Unauthorized", "INVALID_TOKEN", "Invalid or expired token");
      case 403 -> body(403, "Forbidden", "NOT_ROOM_MEMBER", "Client is not in the room or room does not exist");
      case 404 -> body(404, "Room not found", "ROOM_NOT_FOUND", "The specified room does not exist");
      case 429 -> body(429, "Too Many Requests", "TOO_MANY_REQUESTS", "Too many requests, please retry later");
      case 503 -> body(503, "Service Unavailable", "SERVICE_UNAVAILABLE",
          "The service is temporarily unavailable, please retry");
      default -> body(status, "Internal Server Error", "INTERNAL_ERROR", "Internal server error");
    };
  }

  private static Buffer body(int status, String rm, String code, String message) {
    return JsonBuffers.render(128, json -> {
      json.writeStartObject();
      json.writeNumberField("RC", status);
      json.writeStringField("RM", rm);
      json.writeObjectFieldStart("error");
      json.writeStringField("code", code);
      json.writeStringField("message", message);
      json.writeEndObject();
      json.writeEndObject();
    });
  }
}
