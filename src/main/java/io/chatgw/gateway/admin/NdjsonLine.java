package io.chatgw.gateway.admin;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Parses one NDJSON import line (an entity with a {@code kind}) into an entity. */
final class NdjsonLine {

  private NdjsonLine() {}

  static Record parse(String line, int number, EntityParser parser) {
    String path = "line " + number;
    JsonObject json;
    try {
      json = new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      throw new ImportError(path, "is not a JSON object");
    }
    Object kind = json.getValue("kind");
    if (!(kind instanceof String k)) {
      throw new ImportError(path + ".kind", "is required: tenant, user, room, message or session");
    }
    return switch (k) {
      case "tenant" -> parser.tenant(json, path);
      case "user" -> parser.user(json, path);
      case "room" -> parser.room(json, path);
      case "message" -> parser.message(json, path);
      case "session" -> parser.session(json, path);
      default -> throw new ImportError(path + ".kind", "must be tenant, user, room, message or session");
    };
  }
}
