package io.chatgw.gateway.directory;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;

/**
 * A Caffeine cache of store data that notifications keep fresh. Misses of the same key share one
 * load; several missing keys are loaded in one batch. A drop also removes the loads still in
 * flight, whatever their key: Caffeine does not put a load's answer into the cache once its entry
 * is gone, so an answer read before a commit can never be kept after that commit's notification.
 * Bounded by the weight of its entries ({@code maxWeight}, an estimate of their heap).
 */
final class FreshCache<K, V> {

  private final AsyncCache<K, V> cache;

  FreshCache(long maxWeight, ToIntBiFunction<K, V> weight, int maxAgeSeconds) {
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxWeight)
        .weigher((K key, V value) -> weight.applyAsInt(key, value))
        .expireAfterWrite(Duration.ofSeconds(maxAgeSeconds))
        .executor(Runnable::run)
        .buildAsync();
  }

  /** The cached value, or the one {@code load} gives (shared with concurrent misses of the key). */
  Future<V> get(K key, Function<K, Future<V>> load) {
    return vertxFuture(cache.get(key, (k, executor) -> completable(load.apply(k))));
  }

  /**
   * The values of {@code keys}; the missing ones in one call of {@code load}. A key {@code load}
   * leaves out is absent from the answer (and not cached).
   */
  Future<Map<K, V>> getAll(Collection<K> keys, Function<Set<? extends K>, Future<Map<K, V>>> load) {
    return vertxFuture(cache.getAll(keys, (missing, executor) -> completable(load.apply(missing))));
  }

  /** Drops the entries that match, and every load in flight. */
  void dropIf(BiPredicate<K, V> match) {
    cache.asMap().entrySet().removeIf(entry -> {
      CompletableFuture<V> value = entry.getValue();
      if (!value.isDone()) {
        return true;
      }
      V done = value.getNow(null);
      return done == null || match.test(entry.getKey(), done);
    });
  }

  void dropAll() {
    cache.asMap().clear();
  }

  long size() {
    return cache.synchronous().estimatedSize();
  }

  private static <T> CompletableFuture<T> completable(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture();
  }

  /** A hit answers at once; a load completes on the caller's context, like any of its own futures. */
  private static <T> Future<T> vertxFuture(CompletableFuture<T> value) {
    if (value.isDone() && !value.isCompletedExceptionally()) {
      return Future.succeededFuture(value.join());
    }
    Context context = Vertx.currentContext();
    return context == null ? Future.fromCompletionStage(value) : Future.fromCompletionStage(value, context);
  }
}
