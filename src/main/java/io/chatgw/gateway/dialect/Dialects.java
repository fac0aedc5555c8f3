package io.chatgw.gateway.dialect;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.allmine.AllmineDialect;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatDialect;
import io.chatgw.gateway.dialect.imkit.ImkitDialect;
import io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersDialect;
import io.chatgw.gateway.dialect.mirage.MirageDialect;
import io.chatgw.gateway.dialect.v1.V1Dialect;
import java.util.List;

/**
 * Every dialect the gateway serves. A new dialect is one more line here; a dialect with settings
 * of its own is given just those.
 */
public final class Dialects {

  private Dialects() {}

  public static List<Dialect> all(GatewayConfig.Mirage mirage) {
    return List.of(
        new MirageDialect(mirage),
        new DeadSimpleChatDialect(),
        new AllmineDialect(),
        new MeetingLawyersDialect(),
        new ImkitDialect(),
        new V1Dialect());
  }
}
