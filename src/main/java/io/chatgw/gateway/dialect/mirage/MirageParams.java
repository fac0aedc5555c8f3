package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.bus.HistoryParams;

/** A validated Mirage request: the room's number. */
record MirageParams(long roomNumber) implements HistoryParams {}
