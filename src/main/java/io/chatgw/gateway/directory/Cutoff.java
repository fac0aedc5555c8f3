package io.chatgw.gateway.directory;

import java.time.OffsetDateTime;

/** A position in the order (created_at, seq) of a tenant's messages. */
public record Cutoff(OffsetDateTime createdAt, long seq) {}
