package io.chatgw.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.store.Bulkhead;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Lookups of one kind of credential by hash: found ones are cached, unknown ones for
 * {@code unknownCacheSeconds} (so a repeated bad key costs no query), both bounded by
 * {@code cacheSize}; the lookups that do reach the database pass a {@link Bulkhead} shared by
 * every kind, so made-up keys can occupy at most {@code maxLookups} connections and never the
 * pool's wait queue. A found credential older than {@code cacheSeconds} is still answered from
 * the cache while one lookup refreshes it in the background, and is dropped at twice that age:
 * during a flood of made-up keys, when the bulkhead is full, a valid key is never refused just
 * because its cache entry came due. Unknown credentials are counted for /metrics.
 */
final class CredentialCache<V> {

  private final Vertx vertx;
  private final Deadlines deadlines;
  private final Bulkhead lookups;
  private record Entry<V>(V value, long loadedNanos) {}

  private final long refreshNanos;
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
  private final Cache<String, Entry<V>> found;
  private final Cache<String, Boolean> unknown;
  private final AtomicLong unknownCount = new AtomicLong();
  /** Bumped by every invalidation, so that a lookup begun before one does not cache its old answer. */
  private final AtomicLong generation = new AtomicLong();

  CredentialCache(Vertx vertx, Deadlines deadlines, Bulkhead lookups, GatewayConfig.Auth auth) {
    this.vertx = vertx;
    this.deadlines = deadlines;
    this.lookups = lookups;
    this.refreshNanos = Duration.ofSeconds(auth.cacheSeconds()).toNanos();
    this.found = Caffeine.newBuilder().maximumSize(auth.cacheSize())
        .expireAfterWrite(Duration.ofSeconds(2L * auth.cacheSeconds())).executor(Runnable::run).build();
    this.unknown = Caffeine.newBuilder().maximumSize(auth.cacheSize())
        .expireAfterWrite(Duration.ofSeconds(auth.unknownCacheSeconds())).executor(Runnable::run).build();
  }

  /** The cached or looked-up value; a 401 for an unknown credential, a 503 when it cannot be checked. */
  Future<V> get(String key, Function<String, Future<Optional<V>>> lookup) {
    Entry<V> cached = found.getIfPresent(key);
    if (cached != null) {
      if (System.nanoTime() - cached.loadedNanos() > refreshNanos && refreshing.add(key)) {
        refresh(key, lookup);
      }
      return Future.succeededFuture(cached.value());
    }
    if (unknown.getIfPresent(key) != null) {
      unknownCount.incrementAndGet();
      return Future.failedFuture(GatewayError.unauthorized());
    }
    long asked = generation.get();
    return deadlines.bound(lookups.run(vertx, () -> lookup.apply(key))).compose(value -> {
      boolean current = generation.get() == asked;
      if (value.isPresent()) {
        if (current) {
          found.put(key, new Entry<>(value.get(), System.nanoTime()));
        }
        return Future.succeededFuture(value.get());
      }
      if (current) {
        unknown.put(key, Boolean.TRUE);
      }
      unknownCount.incrementAndGet();
      return Future.failedFuture(GatewayError.unauthorized());
    });
  }

  /** One background lookup of a found credential that came due; on failure the entry stays until it expires. */
  private void refresh(String key, Function<String, Future<Optional<V>>> lookup) {
    long asked = generation.get();
    deadlines.bound(lookups.run(vertx, () -> lookup.apply(key))).onComplete(ar -> {
      refreshing.remove(key);
      if (generation.get() != asked) {
        return; // invalidated meanwhile: the answer may be older than that; a later request asks again
      } else if (ar.succeeded() && ar.result().isPresent()) {
        found.put(key, new Entry<>(ar.result().get(), System.nanoTime()));
      } else if (ar.succeeded()) {
        found.invalidate(key);
        unknown.put(key, Boolean.TRUE);
      }
    });
  }

  void invalidateAll() {
    generation.incrementAndGet();
    found.invalidateAll();
    unknown.invalidateAll();
  }

  /** Drops the found credentials of these tenants, and every unknown one (it may be new in any of them). */
  void invalidateTenants(Set<String> tenants, Function<V, String> tenantOf) {
    generation.incrementAndGet();
    found.asMap().values().removeIf(entry -> tenants.contains(tenantOf.apply(entry.value())));
    unknown.invalidateAll();
  }

  long unknownCount() {
    return unknownCount.get();
  }
}
