package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * DeadSimpleChat errors: {@code {"message":"<human readable>"}}. A 400 shows its detail line (which
 * parameter is wrong and what it must be); every other status has one fixed text, so that a room of
 * another tenant and a room that does not exist answer byte for byte alike.
 */
final class DeadSimpleChatErrors implements ErrorRenderer {

  static final int BAD_PARAMETER = 400;
  static final int ROOM_NOT_FOUND = 404;

  static final String UNAUTHORIZED_TEXT = "Unauthorized: auth is missing or is not a valid private key";
  static final String NOT_FOUND_TEXT = "Chat room not found";

  @Override
  public Buffer render(int status, List<String> details) {
    return JsonBuffers.object("message", switch (status) {
      case 400 -> details.isEmpty() ? "Bad request" : details.get(0);
      case 401 -> UNAUTHORIZED_TEXT;
      case 404 -> NOT_FOUND_TEXT;
      case 429 -> "Too many requests, please retry later";
      case 503 -> "Service unavailable, please retry";
      default -> "Internal server error";
    });
  }
}
