package io.chatgw.gateway.dialect.meetinglawyers;

import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * MeetingLawyers errors: {@code {"code":<status>,"message":"<text>"}}. The message is the error's
 * first detail line when it has one (which parameter is wrong), else the status's fixed text.
 */
final class MeetingLawyersErrors implements ErrorRenderer {

  static final int BAD_REQUEST = 400;
  static final int NOT_MEMBER = 403;
  static final int ROOM_NOT_FOUND = 404;

  @Override
  public Buffer render(int status, List<String> details) {
    String message = details.isEmpty() ? text(status) : details.get(0);
    return JsonBuffers.render(64 + message.length(), json -> {
      json.writeStartObject();
      json.writeNumberField("code", status);
      json.writeStringField("message", message);
      json.writeEndObject();
    });
  }

  private static String text(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "invalid or missing credentials";
      case 403 -> "user is not a member of this room";
      case 404 -> "room not found";
      case 429 -> "too many requests";
      case 503 -> "service unavailable";
      default -> "internal error";
    };
  }
}
