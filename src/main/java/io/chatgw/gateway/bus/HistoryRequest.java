package io.chatgw.gateway.bus;

import io.chatgw.gateway.auth.Principal;

/**
 * One authenticated, validated history read: which dialect asked, for whom, and the dialect's own
 * parsed parameters (a record of that dialect's package).
 */
public record HistoryRequest(String dialect, Principal principal, Object params) {}
