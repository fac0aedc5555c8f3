package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** Mirage errors: {@code {"error":"<text>"}} with the vendor's exact texts. */
final class MirageErrors implements ErrorRenderer {

  static final int MISSING = 400;
  static final int NOT_IN_ROOM = 403;

  @Override
  public Buffer render(int status, List<String> details) {
    return JsonBuffers.object("error", switch (status) {
      case 400 -> "missing token or room id";
      case 401 -> "unauthorized";
      case 403 -> "you are not in this room";
      case 404 -> "not found";
      case 429 -> "too many requests";
      case 503 -> "service unavailable";
      default -> "internal error";
    });
  }
}
