package io.chatgw.gateway.dialect;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/** What a dialect's store side may use: the pool, the per-call deadline, the clock, the config. */
public record StoreContext(Pool pool, Deadlines deadlines, Clock clock, GatewayConfig config) {}
