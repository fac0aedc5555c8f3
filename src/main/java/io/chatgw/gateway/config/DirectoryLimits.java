package io.chatgw.gateway.config;

/**
 * What the gateway keeps in memory of the store's slow-changing data (docs/decisions.md, "The
 * directory"): each cache is bounded by an upper estimate of its entries' heap, so that neither
 * many tenants nor long names can grow it past the configured bytes. Entries are dropped by change
 * notifications; {@code maxAgeSeconds} is only a safety net under them.
 *
 * @param userBytes sender profiles, and user ids resolved to their keys
 * @param roomBytes rooms by id and by number, with the ones not found
 * @param memberBytes the member lists of rooms
 * @param cutoffEntries tenants whose Mirage cut-off (the position of their N-th newest message) is kept
 * @param maxAgeSeconds an entry older than this is read again even without a notification
 */
public record DirectoryLimits(long userBytes, long roomBytes, long memberBytes, int cutoffEntries,
    int maxAgeSeconds) {

  public static final DirectoryLimits DEFAULTS =
      new DirectoryLimits(16L * 1024 * 1024, 4L * 1024 * 1024, 8L * 1024 * 1024, 10_000, 3600);
}
