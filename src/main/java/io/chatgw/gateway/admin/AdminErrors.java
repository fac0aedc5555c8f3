package io.chatgw.gateway.admin;

import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
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

  /** Any failure of an admin call, mapped to a status without leaking SQL or stack traces. */
  static void fail(RoutingContext ctx, Throwable cause) {
    if (cause instanceof ImportError e) {
      write(ctx, 400, "invalid_entity", e.getMessage(), e.path());
    } else if (cause instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("23")) {
      write(ctx, 400, "constraint_violation",
          "the data breaks a store constraint (" + pg.getConstraint() + ")", null);
    } else {
      log.warn("Admin call failed: {}", cause.toString());
      write(ctx, 503, "unavailable", "the database did not complete the call", null);
    }
  }
}
