package io.chatgw.gateway.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Batched lookups: what is cached answers without a load, and only what is missing is loaded. */
class FreshCacheTest {

  private final FreshCache<Long, String> cache = new FreshCache<>(1 << 20, (key, value) -> 64, 3600);
  private final List<Set<? extends Long>> loads = new ArrayList<>();

  private Future<Map<Long, String>> load(Set<? extends Long> keys) {
    loads.add(Set.copyOf(keys));
    Map<Long, String> values = new HashMap<>();
    keys.stream().filter(key -> key != 404L).forEach(key -> values.put(key, "user " + key));
    return Future.succeededFuture(values);
  }

  private Map<Long, String> getAll(List<Long> keys) {
    Future<Map<Long, String>> answer = cache.getAll(keys, this::load);
    assertTrue(answer.isComplete(), "answered at once: every load here completes at once");
    return answer.result();
  }

  @Test
  void keysThatAreAllCachedAreAnsweredWithoutALoadAndRepeatedKeysOnce() {
    getAll(List.of(1L, 2L, 3L));
    loads.clear();
    assertEquals(Map.of(1L, "user 1", 3L, "user 3"), getAll(List.of(3L, 1L, 3L)));
    assertEquals(List.of(), loads);
  }

  @Test
  void onlyTheMissingKeysAreLoadedAndAKeyTheStoreDoesNotKnowIsLeftOut() {
    getAll(List.of(1L, 2L));
    loads.clear();
    assertEquals(Map.of(1L, "user 1", 2L, "user 2", 5L, "user 5"), getAll(List.of(1L, 5L, 404L, 2L)));
    assertEquals(List.of(Set.of(5L, 404L)), loads);
    loads.clear();
    assertEquals(Map.of(1L, "user 1"), getAll(List.of(1L, 404L)));
    assertEquals(List.of(Set.of(404L)), loads, "an unknown key is not cached: asked again");
  }

  @Test
  void aDroppedKeyIsLoadedAgain() {
    getAll(List.of(1L, 2L));
    cache.dropIf((key, value) -> key == 2L);
    loads.clear();
    assertEquals(Map.of(1L, "user 1", 2L, "user 2"), getAll(List.of(1L, 2L)));
    assertEquals(List.of(Set.of(2L)), loads);
  }

  @Test
  void aKeyWhoseLoadIsInFlightWaitsForThatLoadInsteadOfAnsweringWithoutIt() {
    Promise<Map<Long, String>> slow = Promise.promise();
    Future<Map<Long, String>> first = cache.getAll(List.of(7L), keys -> slow.future());
    getAll(List.of(1L));
    Future<Map<Long, String>> second = cache.getAll(List.of(1L, 7L), this::load);
    assertTrue(!second.isComplete(), "waits for the load of 7 in flight");
    slow.complete(Map.of(7L, "user 7 (slow)"));
    assertEquals(Map.of(7L, "user 7 (slow)"), first.result());
    assertEquals(Map.of(1L, "user 1", 7L, "user 7 (slow)"), second.toCompletionStage().toCompletableFuture().join());
  }
}
