package io.chatgw.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Every route of the gateway, put on each router verticle's own router (the gateway's {@code RouteTable}). */
@FunctionalInterface
public interface RouterSetup {

  /** @param requestArrived the verticle's slow-client clock: the first handler of every request */
  void mount(Router router, Handler<RoutingContext> requestArrived);
}
