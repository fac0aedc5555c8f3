package io.chatgw.gateway.bus;

/**
 * One authenticated, validated history read: which dialect asked, for whom, and the dialect's own
 * parsed parameters.
 */
public record HistoryRequest(String dialect, Principal principal, HistoryParams params) {}
