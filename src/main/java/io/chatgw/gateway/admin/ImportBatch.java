package io.chatgw.gateway.admin;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Entities to store in one transaction, kept both by kind and in input order. */
final class ImportBatch {

  final List<Entities.Tenant> tenants = new ArrayList<>();
  final List<Entities.User> users = new ArrayList<>();
  final List<Entities.Room> rooms = new ArrayList<>();
  final List<Entities.Message> messages = new ArrayList<>();
  final List<Entities.Session> sessions = new ArrayList<>();
  final List<Record> inOrder = new ArrayList<>();

  void add(Record entity) {
    inOrder.add(entity);
    if (entity instanceof Entities.Tenant t) {
      tenants.add(t);
    } else if (entity instanceof Entities.User u) {
      users.add(u);
    } else if (entity instanceof Entities.Room r) {
      rooms.add(r);
    } else if (entity instanceof Entities.Message m) {
      messages.add(m);
    } else if (entity instanceof Entities.Session s) {
      sessions.add(s);
    } else {
      throw new IllegalArgumentException("not an import entity: " + entity);
    }
  }

  int size() {
    return inOrder.size();
  }

  /** The first {@code n} entities in input order. */
  ImportBatch prefix(int n) {
    ImportBatch out = new ImportBatch();
    inOrder.subList(0, n).forEach(out::add);
    return out;
  }

  static JsonObject counts(int tenants, int users, int rooms, int messages, int sessions) {
    return new JsonObject().put("tenants", tenants).put("users", users).put("rooms", rooms)
        .put("messages", messages).put("sessions", sessions);
  }

  JsonObject counts() {
    return counts(tenants.size(), users.size(), rooms.size(), messages.size(), sessions.size());
  }
}
