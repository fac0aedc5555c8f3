package io.chatgw.gateway.feed;

import io.chatgw.gateway.config.FeedLimits;
import io.chatgw.gateway.dialect.CredentialChecks;
import io.chatgw.gateway.dialect.v1.V1Errors;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed (docs/feed.md): {@code GET /v1/events} (Server-Sent Events) and {@code GET
 * /v1/socket} (WebSocket), fed by one {@link FeedHub} per instance, which the change listener
 * tells of message notices ({@link #messagesChanged}) and of a (re)start of listening ({@link
 * #missedNotices}).
 */
public final class Feed {

  private static final Logger log = LoggerFactory.getLogger(Feed.class);

  public static final String EVENTS = "/v1/events";
  public static final String SOCKET = "/v1/socket";
  /** The native API's errors, before a stream starts and in a WebSocket's error frames. */
  static final V1Errors ERRORS = new V1Errors();

  private final FeedLimits limits;
  private final FeedHub hub;
  private final FeedAccess access;
  private final FeedAdmission admission;
  private final FeedStats stats = new FeedStats();
  /** How to end each open stream and socket (on its own context), for a graceful shutdown. */
  private final Set<Runnable> open = ConcurrentHashMap.newKeySet();
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

  /**
   * A room notice of these tenants (after the directory let go of their rooms and members): each of
   * their subscriptions whose user is no longer a member of one of its rooms is revoked there
   * ({@link Sink#revoked}). A membership that cannot be read now (the store is down) leaves the
   * subscription as it is: its user was a member when it started.
   */
  public void roomsChanged(Set<String> tenants) {
    hub.subscriptions(tenants).onSuccess(this::recheck);
  }

  /** Room notices may have been missed (the listener (re)started listening): every subscription is checked. */
  public void recheckAll() {
    hub.subscriptions(null).onSuccess(this::recheck);
  }

  private void recheck(List<Subscription> subscriptions) {
    for (Subscription s : subscriptions) {
      for (Room room : s.rooms) {
        access.mayFollow(s.userPk, room).onComplete(ar -> {
          if (ar.succeeded() && !ar.result()) {
            s.sink.context().runOnContext(v -> s.sink.revoked(room));
          } else if (ar.failed()) {
            log.debug("Feed membership re-check failed ({}); the subscription stays", ar.cause().toString());
          }
        });
      }
    }
  }

  /** The listener (re)started listening: notices may have been missed. */
  public void missedNotices() {
    hub.readAll();
  }

  /**
   * Shutdown: ends every SSE stream and closes every WebSocket (1001), so that the drain need not
   * wait for them; their clients resume on another instance from their last event id.
   */
  public void closeAll() {
    List.copyOf(open).forEach(Runnable::run);
  }

  /** Registers how to end an open stream or socket; the returned action forgets it again (when it closed). */
  Runnable opened(Runnable end) {
    open.add(end);
    return () -> open.remove(end);
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

  /**
   * {@code future}, completed on {@code context}: the directory's shared lookups and the hub
   * complete on other event loops, and a connection's state is its own loop's.
   */
  static <T> Future<T> on(Context context, Future<T> future) {
    Promise<T> here = Promise.promise();
    future.onComplete(ar -> {
      if (Vertx.currentContext() == context) {
        here.handle(ar);
      } else {
        context.runOnContext(v -> here.handle(ar));
      }
    });
    return here.future();
  }

  /** The error before a stream starts, as the native API's JSON. */
  void refuse(RoutingContext ctx, Throwable cause) {
    GatewayError error = Failures.ofDatabase(cause);
    Responder.write(ctx, error.status(), ERRORS.render(error.status(), error.details()),
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
