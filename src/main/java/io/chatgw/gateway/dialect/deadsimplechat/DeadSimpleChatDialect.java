package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.HistoryRoute;

/** DeadSimpleChat: {@code GET /consumer/api/v1/chatRoom/{roomId}/messages} (dialects.md §2). */
public final class DeadSimpleChatDialect extends NamedDialect<DeadSimpleChatErrors> {

  public static final String NAME = "deadsimplechat";
  /** Everything before the room id segment of the path. */
  static final String PREFIX = "/consumer/api/v1/chatRoom/";
  /** The path as a regex without groups: see {@link DeadSimpleChatRoute} for why not {@code :roomId}. */
  static final String PATH_REGEX = PREFIX + "[^/]+/messages/?";

  public DeadSimpleChatDialect() {
    super(NAME, PREFIX, new DeadSimpleChatErrors());
  }

  @Override
  public HistoryRoute route(CredentialChecks credentials) {
    DeadSimpleChatRoute route = new DeadSimpleChatRoute(credentials);
    return HistoryRoute.getRegex(NAME, PATH_REGEX, route::credential, route::params, errors());
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.ofRequest(DeadSimpleChatParams.class,
        (request, params) -> DeadSimpleChatReader.read(request, params, store));
  }
}
