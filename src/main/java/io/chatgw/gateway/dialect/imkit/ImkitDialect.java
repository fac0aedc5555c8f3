package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.HistoryRoute;

/** IMKit: {@code GET /rooms/{id}/messages/v3}, and {@code /rooms/{id}/messages} for the vendor's web SDK. */
public final class ImkitDialect extends NamedDialect<ImkitErrors> {

  public static final String NAME = "imkit";

  public ImkitDialect() {
    super(NAME, "/rooms/", new ImkitErrors());
  }

  @Override
  public HistoryRoute route(CredentialChecks credentials) {
    ImkitRoute route = new ImkitRoute(credentials);
    return HistoryRoute.getRegex(NAME, RoomPath.REGEX, route::credential, route::params, errors())
        .withCredentialHeaders(ImkitRoute.CLIENT_KEY, ImkitRoute.SDK_CLIENT_KEY, ImkitRoute.AUTHORIZATION);
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.ofRequest(ImkitParams.class,
        (request, params) -> ImkitReader.read(request, params, store));
  }
}
