package io.chatgw.gateway.bus;

/** Who is asking: a tenant, and the user within it ({@code userId} is null for a tenant key alone). */
public record Principal(String tenantId, String userId) {}
