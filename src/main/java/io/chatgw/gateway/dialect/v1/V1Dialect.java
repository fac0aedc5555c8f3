package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.HistoryRoute;

/** The gateway's own history API: {@code GET /v1/rooms/{roomId}/messages} (native-api.md). */
public final class V1Dialect extends NamedDialect<V1Errors> {

  public static final String NAME = "v1";

  public V1Dialect() {
    super(NAME, RoomPath.PREFIX, new V1Errors());
  }

  @Override
  public HistoryRoute route(CredentialChecks credentials) {
    V1Route route = new V1Route(credentials);
    return HistoryRoute.getRegex(NAME, RoomPath.REGEX, route::credential, route::params, errors())
        .withCredentialHeaders("Authorization");
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.ofRequest(V1Params.class, (request, params) -> V1Reader.read(request, params, store));
  }
}
