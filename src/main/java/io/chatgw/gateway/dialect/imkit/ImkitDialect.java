package io.chatgw.gateway.dialect.imkit;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.Dialect;
import io.chatgw.gateway.dialect.ErrorRenderer;
import io.chatgw.gateway.dialect.RouteContext;
import io.chatgw.gateway.dialect.StoreContext;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/** IMKit: {@code GET /rooms/{id}/messages/v3} (dialects.md §5). */
public final class ImkitDialect implements Dialect {

  public static final String NAME = "imkit";
  private final ImkitErrors errors = new ImkitErrors();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String pathPrefix() {
    return "/rooms/";
  }

  @Override
  public ErrorRenderer errors() {
    return errors;
  }

  @Override
  public void mount(Router router, RouteContext context) {
    new ImkitRoute(context, errors).mount(router);
  }

  @Override
  public Future<HistoryReply> read(HistoryRequest request, StoreContext store) {
    return ImkitReader.read(request, store);
  }
}
