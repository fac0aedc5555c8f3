package io.chatgw.gateway.limits;

import io.chatgw.gateway.config.GatewayConfig;

/**
 * A tenant's rate limit: a token bucket holding up to {@code burst} requests, refilled greedily at
 * {@code perSecond} requests a second. {@link #OFF} (both 0) limits nothing.
 */
public record RateLimit(int perSecond, int burst) {

  public static final RateLimit OFF = new RateLimit(0, 0);

  public static RateLimit of(GatewayConfig.RateLimiting config) {
    return config.perSecond() == 0 ? OFF : new RateLimit(config.perSecond(), config.burst());
  }

  public boolean isOff() {
    return perSecond == 0;
  }
}
