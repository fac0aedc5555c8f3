package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
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
  private long bytes;
  private long items;

  /** Adds an entity that took {@code sourceBytes} of the import's JSON. */
  void add(Record entity, int sourceBytes) {
    add(entity);
    bytes += sourceBytes;
  }

  void add(Record entity) {
    inOrder.add(entity);
    items += 1 + listItems(entity);
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

  /** Whether the batch has reached one of its bounds and should be written now. */
  boolean full(ImportLimits limits) {
    return inOrder.size() >= limits.batchLines() || bytes >= limits.batchBytes() || items >= limits.batchItems();
  }

  private static int listItems(Record entity) {
    if (entity instanceof Entities.Tenant t) {
      return t.apiKeys().size();
    }
    if (entity instanceof Entities.Room r) {
      return r.members() == null ? 0 : r.members().size();
    }
    if (entity instanceof Entities.Message m) {
      return size(m.reactions()) + size(m.readBy()) + size(m.hiddenBy());
    }
    return 0;
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  /** The first {@code n} entities in input order. */
  ImportBatch prefix(int n) {
    ImportBatch out = new ImportBatch();
    inOrder.subList(0, n).forEach(out::add);
    return out;
  }

}
