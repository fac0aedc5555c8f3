package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.HistoryRoute;

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
  public HistoryRoute route(CredentialChecks credentials) {
    MirageRoute route = new MirageRoute(credentials);
    return HistoryRoute.get(NAME, PATH, route::credential, route::params, errors())
        .withCredentialHeaders("Authorization");
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.ofRequest(MirageParams.class,
        (request, params) -> MirageReader.read(request, params, store, limits));
  }
}
