package io.chatgw.gateway.feed;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.ErrorRenderer;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * The native API's errors ({@code {"error":"<code>","message":"…"}}), before a stream starts and,
 * by {@link #code}, in a WebSocket's error frames.
 */
final class FeedErrors implements ErrorRenderer {

  static final FeedErrors INSTANCE = new FeedErrors();

  private FeedErrors() {}

  static String code(int status) {
    return switch (status) {
      case 400 -> "invalid_parameter";
      case GatewayError.UNAUTHORIZED -> "unauthorized";
      case 403 -> "not_room_member";
      case 404 -> "room_not_found";
      case 429 -> "rate_limited";
      case GatewayError.UNAVAILABLE -> "unavailable";
      default -> "internal_error";
    };
  }

  static String message(int status, List<String> details) {
    if (!details.isEmpty()) {
      return String.join("; ", details);
    }
    return switch (status) {
      case GatewayError.UNAUTHORIZED -> "a valid bearer token (JWT or session token) of a user is required";
      case 403 -> "the user is not a member of the room";
      case 404 -> "no such room";
      case 429 -> "too many live subscriptions";
      case GatewayError.UNAVAILABLE -> "the live feed is not available right now; retry";
      default -> "internal error";
    };
  }

  @Override
  public Buffer render(int status, List<String> details) {
    return JsonBuffers.render(96, json -> {
      json.writeStartObject();
      json.writeStringField("error", code(status));
      json.writeStringField("message", message(status, details));
      json.writeEndObject();
    });
  }
}
