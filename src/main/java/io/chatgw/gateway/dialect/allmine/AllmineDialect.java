package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.HistoryRoute;
import java.time.Clock;

/** Allmine: {@code GET /api/v1/messages/chat/{chatId}} (dialects.md §3). */
public final class AllmineDialect extends NamedDialect<AllmineErrors> {

  public static final String NAME = "allmine";

  public AllmineDialect() {
    super(NAME, "/api/v1/messages/chat/", new AllmineErrors(Clock.systemUTC()));
  }

  @Override
  public HistoryRoute route(CredentialChecks credentials) {
    AllmineRoute route = new AllmineRoute(credentials);
    return HistoryRoute.getRegex(NAME, ChatIds.PATH_REGEX, route::credential, route::params, errors())
        .withCredentialHeaders("Authorization");
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.ofRequest(AllmineParams.class,
        (request, params) -> AllmineReader.read(request, params, store));
  }
}
