package io.chatgw.gateway.directory;

import java.time.OffsetDateTime;

/**
 * A user's profile as the dialects render it (app_user). {@code description}, {@code avatarUrl},
 * {@code uniqueUserIdentifier} and {@code lastLoginAt} may be null.
 */
public record User(long pk, String tenantId, String id, String username, String nickname, String description,
    String avatarUrl, boolean isModerator, String uniqueUserIdentifier, String availabilityStatus,
    OffsetDateTime lastLoginAt) {

  /** An upper bound of this record's heap, for the cache's weight. */
  int weight() {
    return 120 + Heap.of(tenantId) + Heap.of(id) + Heap.of(username) + Heap.of(nickname) + Heap.of(description)
        + Heap.of(avatarUrl) + Heap.of(uniqueUserIdentifier) + Heap.of(availabilityStatus)
        + (lastLoginAt == null ? 0 : 64);
  }
}
