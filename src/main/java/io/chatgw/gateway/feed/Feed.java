package io.chatgw.gateway.feed;

import io.chatgw.gateway.config.FeedLimits;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/**
 * The live feed (docs/feed.md): {@code GET /v1/events} (Server-Sent Events) and {@code GET
 * /v1/socket} (WebSocket), fed by one {@link FeedHub} per instance, which the change listener
 * tells of message notices ({@link #messagesChanged}) and of a (re)start of listening ({@link
 * #missedNotices}).
 */
public final class Feed {

  public static final String EVENTS = "/v1/events";
  public static final String SOCKET = "/v1/socket";

  private final FeedLimits limits;
  private final FeedHub hub;
  private final FeedAccess access;
  private final FeedAdmission admission;
  private final FeedStats stats = new FeedStats();
  private final EventsRoute events = new EventsRoute(this);
  private final SocketRoute socket = new SocketRoute(this);

  public Feed(Vertx vertx, Pool pool, Deadlines deadlines, Directory directory, CredentialChecks credentials,
      FeedLimits limits) {
    this.limits = limits;
    this.hub = new FeedHub(vertx, new FeedStore(pool, deadlines, directory), limits.pageRows());
    this.access = new FeedAccess(credentials, directory);
    this.admission = new FeedAdmission(limits.maxSubscribers(), limits.maxPerTenant());
  }

  /** The SSE route's handler. */
  public void events(RoutingContext ctx) {
    events.handle(ctx);
  }

  /** The WebSocket route's handler. */
  public void socket(RoutingContext ctx) {
    socket.handle(ctx);
  }

  /** A message notice of these tenants. */
  public void messagesChanged(Set<String> tenants) {
    hub.noticed(tenants);
  }

  /** The listener (re)started listening: notices may have been missed. */
  public void missedNotices() {
    hub.readAll();
  }

  /** SSE streams and WebSockets open now. */
  public long subscribers() {
    return admission.open();
  }

  public long delivered() {
    return hub.delivered();
  }

  public long slowDrops() {
    return stats.slowDrops();
  }

  /** The error before a stream starts, as the native API's JSON. */
  void refuse(RoutingContext ctx, Throwable cause) {
    GatewayError error = Failures.ofDatabase(cause);
    Responder.write(ctx, error.status(), FeedErrors.INSTANCE.render(error.status(), error.details()),
        error.headers());
  }

  FeedLimits limits() {
    return limits;
  }

  FeedHub hub() {
    return hub;
  }

  FeedAccess access() {
    return access;
  }

  FeedAdmission admission() {
    return admission;
  }

  FeedStats stats() {
    return stats;
  }
}
