package io.chatgw.gateway.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Cuts connections that take too long to deliver a request's headers. Vert.x's idle timeout
 * restarts with every byte, so a client dripping one header byte at a time would hold a
 * connection for ever; here a connection gets {@code limitNanos} from the moment it is opened or
 * has answered its last request until the next request has arrived whole. Confined to one
 * router verticle's event loop.
 */
final class SlowClients {

  private static final long BUSY = -1;

  private final long limitNanos;
  private final Map<HttpConnection, long[]> waitingSince = new HashMap<>();

  SlowClients(long limitNanos) {
    this.limitNanos = limitNanos;
  }

  void opened(HttpConnection connection) {
    waitingSince.put(connection, new long[] {System.nanoTime()});
    connection.closeHandler(v -> waitingSince.remove(connection));
  }

  /** The router's first handler: the connection's request has arrived; it waits again once answered. */
  void requestArrived(RoutingContext ctx) {
    long[] since = waitingSince.get(ctx.request().connection());
    if (since != null) {
      since[0] = BUSY;
      ctx.addEndHandler(v -> since[0] = System.nanoTime());
    }
    ctx.next();
  }

  /** Closes every connection that has waited too long for a complete request. */
  void sweep() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<HttpConnection, long[]>> it = waitingSince.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<HttpConnection, long[]> entry = it.next();
      long since = entry.getValue()[0];
      if (since != BUSY && now - since > limitNanos) {
        it.remove();
        entry.getKey().close();
      }
    }
  }
}
