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

  private record Target(Set<Kind> kinds, Consumer<Set<String>> dropTenants, Runnable dropAll, boolean cache) {}

  private final List<Target> targets = new CopyOnWriteArrayList<>();

  /**
   * A cache to keep fresh: {@code dropTenants} forgets the entries of the given tenants (and any
   * entry it cannot tell the tenant of, like an unknown credential), {@code dropAll} every entry.
   * Both may be called on any thread.
   */
  public void register(Set<Kind> kinds, Consumer<Set<String>> dropTenants, Runnable dropAll) {
    targets.add(new Target(Set.copyOf(kinds), dropTenants, dropAll, true));
  }

  /**
   * Something that follows the notices but holds no cache (the live feed's membership checks):
   * {@code changed} gets the tenants of each notice of its kinds, {@code missed} runs when notices
   * may have been missed ({@link #missed}) — not on {@link #dropAll}, which an instance calls after
   * its own import, whose notice it receives all the same.
   */
  public void follow(Set<Kind> kinds, Consumer<Set<String>> changed, Runnable missed) {
    targets.add(new Target(Set.copyOf(kinds), changed, missed, false));
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

  /** Empties every cache. */
  public void dropAll() {
    targets.stream().filter(Target::cache).forEach(target -> target.dropAll().run());
  }

  /** Notices may have been missed (the listener (re)started, a notice could not be read): every cache and follower. */
  public void missed() {
    targets.forEach(target -> target.dropAll().run());
  }
}
