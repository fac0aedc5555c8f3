package io.chatgw.gateway.changes;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one committed transaction changed: these kinds, of these tenants, or of every tenant when
 * {@code allTenants} (too many to name in one notification).
 */
public record Change(Set<Kind> kinds, Set<String> tenants, boolean allTenants) {

  public Change {
    kinds = Set.copyOf(kinds);
    tenants = allTenants ? Set.of() : Set.copyOf(tenants);
  }

  /** One kind of one tenant (a minted credential). */
  public static Change of(Kind kind, String tenant) {
    return new Change(Set.of(kind), Set.of(tenant), false);
  }

  public boolean isEmpty() {
    return kinds.isEmpty() || (!allTenants && tenants.isEmpty());
  }

  /** The same kinds, for every tenant. */
  Change forAllTenants() {
    return new Change(kinds, Set.of(), true);
  }

  /** Collects what a batch of writes touched, kind by kind and tenant by tenant. */
  public static final class Builder {
    private final EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
    private final Set<String> tenants = new TreeSet<>();

    public Builder add(Kind kind, String tenant) {
      kinds.add(kind);
      tenants.add(tenant);
      return this;
    }

    public Change build() {
      return new Change(kinds, tenants, false);
    }
  }
}
