package io.chatgw.gateway.config;

/**
 * The live feed's bounds (docs/feed.md, "Bounds"): every stream, socket and catch-up page is
 * bounded here, none by what a client sends.
 *
 * @param heartbeatSeconds a comment line (SSE) or a ping frame (WebSocket) at least this often
 * @param maxSubscribers SSE streams and WebSockets open at once on this instance; one more is 503
 * @param maxPerTenant of those, at most this many of one tenant; one more is 429
 * @param maxRooms rooms one SSE request may list, and subscriptions one WebSocket may hold; more is 400
 * @param pageRows changes read from the store at once (a resume's catch-up, and each live tail read)
 * @param maxQueuedBytes bytes a subscriber's connection may hold unsent; a live event that finds it
 *     full drops the subscriber (it resumes from its last event id)
 * @param maxFrameBytes the largest WebSocket frame (and message) a client may send
 */
public record FeedLimits(int heartbeatSeconds, int maxSubscribers, int maxPerTenant, int maxRooms, int pageRows,
    int maxQueuedBytes, int maxFrameBytes) {

  public static final FeedLimits DEFAULTS = new FeedLimits(15, 20_000, 20_000, 100, 500, 262_144, 4096);
}
