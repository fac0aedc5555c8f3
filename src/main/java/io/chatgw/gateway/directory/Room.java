package io.chatgw.gateway.directory;

/** A room's identity (room): its key, its tenant, its id and number, its name. */
public record Room(long pk, String tenantId, String id, long number, String name) {

  int weight() {
    return 64 + Heap.of(tenantId) + Heap.of(id) + Heap.of(name);
  }
}
