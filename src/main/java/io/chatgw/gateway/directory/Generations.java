package io.chatgw.gateway.directory;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How often the directory has dropped what it held of a tenant: a counter per slot of a fixed
 * table (tenants hashed into it, so its size is bounded whatever the number of tenants; two tenants
 * in one slot only drop each other's tags). An entity tag that includes it changes once the
 * directory has let go of data an answer was rendered from (docs/feed.md, "Conditional reads").
 */
final class Generations {

  static final int SLOTS = 1024;

  private final AtomicLongArray slots = new AtomicLongArray(SLOTS);

  long of(String tenant) {
    return slots.get(slot(tenant));
  }

  void bump(Set<String> tenants) {
    for (String tenant : tenants) {
      slots.incrementAndGet(slot(tenant));
    }
  }

  void bumpAll() {
    for (int i = 0; i < SLOTS; i++) {
      slots.incrementAndGet(i);
    }
  }

  private static int slot(String tenant) {
    return Math.floorMod(tenant.hashCode() * 0x9E3779B9, SLOTS);
  }
}
