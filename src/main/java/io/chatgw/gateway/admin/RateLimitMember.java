package io.chatgw.gateway.admin;

import java.util.Set;

/**
 * A tenant's {@code rateLimit} member (admin-api.md, "Limits a tenant can be given"):
 * {@code {"perSecond": <n>, "burst": <m>}}, both required, both positive JSON integers. Absent
 * or {@code null} means none of its own (the configured default applies).
 */
final class RateLimitMember {

  private static final Set<String> MEMBERS = Set.of("perSecond", "burst");

  private RateLimitMember() {}

  static Entities.RateLimit parse(Object json, String path, io.chatgw.gateway.config.ImportLimits limits) {
    if (json == null) {
      return null;
    }
    Fields f = Fields.of(json, path, MEMBERS, limits);
    return new Entities.RateLimit(positive(f, "perSecond"), positive(f, "burst"));
  }

  private static int positive(Fields f, String name) {
    Long value = f.optLong(name, 1, Integer.MAX_VALUE);
    if (value == null) {
      throw new ImportError(f.at(name), "is required");
    }
    return value.intValue();
  }
}
