package io.chatgw.gateway.admin;

import io.chatgw.gateway.changes.Change;
import io.chatgw.gateway.changes.Kind;

/** What storing an {@link ImportBatch} changes, kind by kind and tenant by tenant, for its change notice. */
final class BatchChanges {

  private BatchChanges() {}

  static Change of(ImportBatch batch) {
    Change.Builder change = new Change.Builder();
    for (Entities.Tenant t : batch.tenants) {
      change.add(Kind.TENANT, t.id());
      if (!t.apiKeys().isEmpty()) {
        change.add(Kind.API_KEY, t.id());
      }
    }
    batch.users.forEach(u -> change.add(Kind.USER, u.tenant()));
    batch.rooms.forEach(r -> change.add(Kind.ROOM, r.tenant()));
    batch.messages.forEach(m -> change.add(Kind.MESSAGE, m.tenant()));
    batch.sessions.forEach(s -> change.add(Kind.SESSION, s.tenant()));
    return change.build();
  }
}
