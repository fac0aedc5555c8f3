package io.chatgw.gateway.ops;

import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.json.JsonBuffers;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** {@code /health/live}: the process runs. {@code /health/ready}: the database answers. */
public final class Health {

  private static final Buffer UP = JsonBuffers.object("status", "up");
  private static final Buffer READY = JsonBuffers.object("status", "ready");
  private static final Buffer UNAVAILABLE = JsonBuffers.object("status", "unavailable");

  private final Pool pool;
  private final Deadlines deadlines;
  private final Lifecycle lifecycle;

  public Health(Pool pool, Deadlines deadlines, Lifecycle lifecycle) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.lifecycle = lifecycle;
  }

  public static void live(RoutingContext ctx) {
    Responder.write(ctx, 200, UP);
  }

  public void ready(RoutingContext ctx) {
    if (lifecycle.isDraining() || !lifecycle.isMigrated()) {
      Responder.write(ctx, 503, UNAVAILABLE);
      return;
    }
    deadlines.bound(pool.query("SELECT 1").execute()).onComplete(ar ->
        Responder.write(ctx, ar.succeeded() ? 200 : 503, ar.succeeded() ? READY : UNAVAILABLE));
  }
}
