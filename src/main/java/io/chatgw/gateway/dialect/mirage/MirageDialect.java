package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.dialect.StoreContext;
import io.vertx.ext.web.Router;

/** Mirage: {@code GET /api/get_room_messages} (dialects.md §1). */
public final class MirageDialect extends NamedDialect<MirageErrors> {

  public static final String NAME = "mirage";
  static final String PATH = "/api/get_room_messages";

  private final GatewayConfig.Mirage limits;

  /** @param limits the age and count caps of what a room shows */
  public MirageDialect(GatewayConfig.Mirage limits) {
    super(NAME, PATH, new MirageErrors());
    this.limits = limits;
  }

  @Override
  public void mount(Router router, RouteContext context) {
    new MirageRoute(context, errors()).mount(router, PATH);
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.of(MirageParams.class,
        (caller, params) -> MirageReader.read(caller, params, store, limits));
  }
}
