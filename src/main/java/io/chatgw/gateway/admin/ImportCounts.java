package io.chatgw.gateway.admin;

import io.vertx.core.json.JsonObject;

/** What an import has stored so far, by kind: the body of its 200. */
final class ImportCounts {

  private int tenants;
  private int users;
  private int rooms;
  private int messages;
  private int sessions;

  ImportCounts add(ImportBatch batch) {
    tenants += batch.tenants.size();
    users += batch.users.size();
    rooms += batch.rooms.size();
    messages += batch.messages.size();
    sessions += batch.sessions.size();
    return this;
  }

  int messages() {
    return messages;
  }

  int total() {
    return tenants + users + rooms + messages + sessions;
  }

  JsonObject json() {
    return new JsonObject().put("tenants", tenants).put("users", users).put("rooms", rooms)
        .put("messages", messages).put("sessions", sessions);
  }
}
