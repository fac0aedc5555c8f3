package io.chatgw.gateway.dialect.mirage;

/** A validated Mirage request: the room's number. */
record MirageParams(long roomNumber) {}
