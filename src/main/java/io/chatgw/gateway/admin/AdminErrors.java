package io.chatgw.gateway.admin;

import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin API's error body: {@code {"error":"<code>","message":"...","path":"..."}}. */
final class AdminErrors {

  private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

  private AdminErrors() {}

  static void write(RoutingContext ctx, int status, String code, String message, String path) {
    write(ctx, status, code, message, path, null, null);
  }

  static void write(RoutingContext ctx, int status, String code, String message, String path,
      Integer line, Integer committed) {
    Responder.write(ctx, status, JsonBuffers.render(128, json -> {
      json.writeStartObject();
      json.writeStringField("error", code);
      json.writeStringField("message", message);
      if (path != null) {
        json.writeStringField("path", path);
      }
      if (line != null) {
        json.writeNumberField("line", line);
      }
      if (committed != null) {
        json.writeNumberField("committed", committed);
      }
      json.writeEndObject();
    }));
  }

  /**
   * Any failure of an admin call, with the status {@link Failures#ofDatabase} gives it, without
   * leaking SQL or stack traces.
   */
  static void fail(RoutingContext ctx, Throwable cause) {
    if (cause instanceof ImportError e) {
      write(ctx, 400, "invalid_entity", e.getMessage(), e.path());
      return;
    }
    GatewayError error = Failures.ofDatabase(cause);
    switch (error.status()) {
      case Failures.BAD_DATA -> write(ctx, 400, "constraint_violation", error.details().get(0), null);
      case GatewayError.UNAVAILABLE -> {
        logUnavailable(cause);
        write(ctx, 503, "unavailable", "the database did not complete the call", null);
      }
      default -> write(ctx, 500, "internal_error", "the call failed; the gateway's log has the cause", null);
    }
  }

  /** The code of an import batch's failure of {@code status}: the entity's, the store's, or ours. */
  static String batchCode(int status) {
    return switch (status) {
      case Failures.BAD_DATA -> "invalid_entity";
      case GatewayError.UNAVAILABLE -> "unavailable";
      default -> "internal_error";
    };
  }

  static void logUnavailable(Throwable cause) {
    log.warn("Admin call failed: {}", cause.toString());
  }
}
