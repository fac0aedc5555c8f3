package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.dialect.StoreContext;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

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
  public void mount(Router router, RouteContext context) {
    new DeadSimpleChatRoute(context, errors()).mount(router);
  }

  @Override
  public Future<HistoryReply> read(HistoryRequest request, StoreContext store) {
    return DeadSimpleChatReader.read(request, store);
  }
}
