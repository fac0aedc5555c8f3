package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * The gateway's own errors (native-api.md): {@code {"error":"<code>","message":"<text>"}}, the code
 * by the status; the message is the error's first detail line when it has one (which parameter is
 * wrong), else the status's fixed text.
 */
public final class V1Errors implements ErrorRenderer {

  public static final int INVALID_PARAMETER = 400;
  public static final int NOT_ROOM_MEMBER = 403;
  public static final int ROOM_NOT_FOUND = 404;

  @Override
  public Buffer render(int status, List<String> details) {
    String message = details.isEmpty() ? text(status) : details.get(0);
    String code = code(status);
    return JsonBuffers.render(64 + code.length() + message.length(), json -> {
      json.writeStartObject();
      json.writeStringField("error", code);
      json.writeStringField("message", message);
      json.writeEndObject();
    });
  }

  static String code(int status) {
    return switch (status) {
      case 400, 414, 431 -> "invalid_parameter";
      case 401 -> "unauthorized";
      case 403 -> "not_room_member";
      case 404 -> "room_not_found";
      case 429 -> "rate_limited";
      case 503 -> "unavailable";
      default -> "internal";
    };
  }

  private static String text(int status) {
    return switch (status) {
      case 400, 414, 431 -> "invalid parameter";
      case 401 -> "missing or invalid credentials";
      case 403 -> "the caller is not a member of this room";
      case 404 -> "room not found";
      case 429 -> "too many requests";
      case 503 -> "service unavailable, retry later";
      default -> "internal error";
    };
  }
}
