package io.chatgw.gateway.config;

/**
 * What history pages may hold in memory at once (docs/decisions.md, "Page memory").
 *
 * @param largePageRows a request for more messages than this is a large page
 * @param largePagesInFlight large pages being read and rendered at once; more wait
 * @param largePageQueue large pages waiting (each at most the database deadline); more get 503
 * @param maxPageBytes the decoded rows of one page (an upper bound of their heap), counted as they
 *     arrive; a page over it is refused (400 where the client can ask for fewer messages)
 * @param responseBudgetBytes rendered history answers not yet written to their sockets, summed
 *     over every connection; an answer that does not fit is a 503 (the client may retry)
 */
public record PageLimits(int largePageRows, int largePagesInFlight, int largePageQueue, long maxPageBytes,
    long responseBudgetBytes) {

  public static final PageLimits DEFAULTS = new PageLimits(200, 1, 16, 16L * 1024 * 1024, 48L * 1024 * 1024);
}
