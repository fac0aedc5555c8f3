package io.chatgw.gateway.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Parses a whole JSON import document into one batch (CPU work: run it off the event loop). */
final class DocumentImport {

  private static final Set<String> TOP = Set.of("tenants", "users", "rooms", "messages", "sessions");

  private DocumentImport() {}

  static ImportBatch parse(JsonObject document, EntityParser parser) {
    for (String name : document.fieldNames()) {
      if (!TOP.contains(name)) {
        throw new ImportError(name, "unknown member '" + name + "'");
      }
    }
    ImportBatch batch = new ImportBatch();
    each(document, "tenants", (json, path) -> batch.add(parser.tenant(json, path)));
    each(document, "users", (json, path) -> batch.add(parser.user(json, path)));
    each(document, "rooms", (json, path) -> batch.add(parser.room(json, path)));
    each(document, "messages", (json, path) -> batch.add(parser.message(json, path)));
    each(document, "sessions", (json, path) -> batch.add(parser.session(json, path)));
    return batch;
  }

  private interface Each {
    void accept(Object json, String path);
  }

  private static void each(JsonObject document, String name, Each each) {
    Object value = document.getValue(name);
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonArray array)) {
      throw new ImportError(name, "must be an array");
    }
    for (int i = 0; i < array.size(); i++) {
      each.accept(array.getValue(i), name + "[" + i + "]");
    }
  }
}
