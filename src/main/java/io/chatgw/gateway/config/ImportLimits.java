package io.chatgw.gateway.config;

/**
 * How much one import may hold and how many may run: the bounds that keep an import's memory
 * independent of its size (docs/decisions.md, "Import limits", has the arithmetic).
 *
 * @param maxDocumentBytes a JSON document's body, spooled to a temp file, never held in memory
 * @param maxConcurrent imports being read and written at once; more wait, paused
 * @param maxWaiting imports waiting (their bodies unread); past that 503 with Retry-After
 * @param batchLines, batchBytes, batchItems a batch is written when it reaches any of these
 *     (items: entities plus their members, reactions, read receipts, hides and keys)
 * @param maxEntityBytes one entity's JSON: an NDJSON line, or one element of a document's array
 * @param maxTextBytes a message's {@code text} (UTF-8 bytes)
 * @param maxJsonBytes {@code payload}, {@code actionButtons} and {@code creditTransfer}, encoded
 * @param maxStringBytes every other string (ids, names, URLs, tokens, keys)
 * @param maxItems any one list of an entity (members, apiKeys)
 * @param maxMessageItems a message's reactions, read receipts and hides, each (dialects render them
 *     with every message, so they count toward every page)
 * @param maxDepth nesting inside {@code payload} and {@code actionButtons}
 */
public record ImportLimits(long maxDocumentBytes, int maxConcurrent, int maxWaiting, int batchLines,
    int batchBytes, int batchItems, int maxEntityBytes, int maxTextBytes, int maxJsonBytes,
    int maxStringBytes, int maxItems, int maxMessageItems, int maxDepth) {

  public static final ImportLimits DEFAULTS = new ImportLimits(64L * 1024 * 1024, 2, 8, 1000,
      1024 * 1024, 10_000, 1024 * 1024, 16 * 1024, 8 * 1024, 2048, 10_000, 1000, 32);
}
