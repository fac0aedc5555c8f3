package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.dialect.NamedDialect;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.dialect.StoreContext;
import io.vertx.ext.web.Router;

/** IMKit: {@code GET /rooms/{id}/messages/v3} (dialects.md §5). */
public final class ImkitDialect extends NamedDialect<ImkitErrors> {

  public static final String NAME = "imkit";

  public ImkitDialect() {
    super(NAME, "/rooms/", new ImkitErrors());
  }

  @Override
  public void mount(Router router, RouteContext context) {
    new ImkitRoute(context, errors()).mount(router);
  }

  @Override
  public HistoryReader reader(StoreContext store) {
    return HistoryReader.of(ImkitParams.class,
        (caller, params) -> ImkitReader.read(caller, params, store));
  }
}
