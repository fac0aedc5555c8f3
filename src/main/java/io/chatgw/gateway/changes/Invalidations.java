package io.chatgw.gateway.changes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The caches that hold data of the store, each registered with the kinds of change it depends
 * on: a change drops the entries of the tenants it names from the caches of its kinds (all of
 * them when it names every tenant); {@link #dropAll} empties every cache.
 */
public final class Invalidations {

  private record Target(Set<Kind> kinds, Consumer<Set<String>> dropTenants, Runnable dropAll) {}

  private final List<Target> targets = new CopyOnWriteArrayList<>();

  /**
   * A cache to keep fresh: {@code dropTenants} forgets the entries of the given tenants (and any
   * entry it cannot tell the tenant of, like an unknown credential), {@code dropAll} every entry.
   * Both may be called on any thread.
   */
  public void register(Set<Kind> kinds, Consumer<Set<String>> dropTenants, Runnable dropAll) {
    targets.add(new Target(Set.copyOf(kinds), dropTenants, dropAll));
  }

  public void apply(Change change) {
    for (Target target : targets) {
      if (change.kinds().stream().anyMatch(target.kinds()::contains)) {
        if (change.allTenants()) {
          target.dropAll().run();
        } else {
          target.dropTenants().accept(change.tenants());
        }
      }
    }
  }

  public void dropAll() {
    targets.forEach(target -> target.dropAll().run());
  }
}
