package io.chatgw.gateway.dialect.meetinglawyers;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.HistoryRoute;

/** MeetingLawyers: {@code GET /chat/message} (dialects.md §4). */
public final class MeetingLawyersDialect extends NamedDialect<MeetingLawyersErrors> {

  public static final String NAME = "meetinglawyers";
  static final String PATH = "/chat/message";

  public MeetingLawyersDialect() {
    super(NAME, PATH, new MeetingLawyersErrors());
  }

  @Override
  public HistoryRoute route(CredentialChecks credentials) {
    MeetingLawyersRoute route = new MeetingLawyersRoute(credentials);
    return HistoryRoute.get(NAME, PATH, route::credential, route::params, errors())
        .withCredentialHeaders(MeetingLawyersRoute.API_KEY, "Authorization");
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.ofRequest(MeetingLawyersParams.class,
        (request, params) -> MeetingLawyersReader.read(request, params, store));
  }
}
