package io.chatgw.gateway.changes;

import io.chatgw.gateway.store.Backoff;
import io.chatgw.gateway.store.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's one {@code LISTEN} connection on {@link ChangeNotice#CHANNEL}: drops what each
 * notification names from the registered caches, and everything whenever it starts listening,
 * the first time included, because what was committed while it was not listening cannot be
 * known. It never holds up start-up: connecting is retried with a back-off, forever, and so is
 * every reconnect. A heartbeat on the connection notices one that stopped answering without
 * being closed (a hung server, a dead network path), which would otherwise never reconnect.
 */
public final class ChangeListenerVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ChangeListenerVerticle.class);

  /** Its connection's application_name, told apart from the pool's in pg_stat_activity. */
  public static final String APPLICATION_NAME = Pools.APPLICATION_NAME + "-changes";
  static final Backoff RECONNECT = new Backoff(100, 2000);
  static final long HEARTBEAT_MILLIS = 5000;
  static final String HEARTBEAT = "SELECT 1";

  private final PgConnectOptions connect;
  private final long heartbeatTimeoutMillis;
  private final Invalidations invalidations;
  private final ListenerStats stats;
  private PgSubscriber subscriber;
  private boolean stopped;
  private boolean listenedOnce;
  private boolean failureLogged;
  private boolean pinging;
  private long downSinceNanos = System.nanoTime();

  /** {@code heartbeatTimeoutMillis}: how long the connection may take to answer (the database deadline). */
  public ChangeListenerVerticle(String databaseUrl, long heartbeatTimeoutMillis, Invalidations invalidations,
      ListenerStats stats) {
    this.connect = PgConnectOptions.fromUri(databaseUrl);
    this.connect.addProperty("application_name", APPLICATION_NAME);
    this.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
    this.invalidations = invalidations;
    this.stats = stats;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(HEARTBEAT_MILLIS, id -> heartbeat());
    open(0);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return subscriber.close();
  }

  /**
   * A new subscriber: PgSubscriber applies its reconnect policy only to a connection it once had,
   * so a first connection that fails is retried here, each time with a new one.
   */
  private void open(int failures) {
    PgSubscriber s = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(this::reconnectDelay);
    s.channel(ChangeNotice.CHANNEL).subscribeHandler(v -> listening()).handler(this::received);
    subscriber = s;
    s.connect().onFailure(cause -> {
      s.close();
      if (stopped) {
        return;
      }
      if (!failureLogged) {
        failureLogged = true;
        log.warn("Change listener cannot connect yet ({}); retrying with back-off", cause.toString());
      }
      vertx.setTimer(RECONNECT.delayMillis(failures + 1), t -> {
        if (!stopped) {
          open(failures + 1);
        }
      });
    });
  }

  /** PgSubscriber's policy: {@code retries} 0 is the moment the connection was lost. Never gives up. */
  private long reconnectDelay(int retries) {
    if (retries > 0) {
      return RECONNECT.delayMillis(retries);
    }
    stats.listening(false);
    downSinceNanos = System.nanoTime();
    log.warn("Change listener lost its connection; reconnecting (every cache is dropped once it listens again)");
    return 0;
  }

  /** LISTEN is in place: from here on every commit is notified, so what is cached now may go. */
  private void listening() {
    PgConnection conn = subscriber.actualConnection();
    if (conn != null) { // the server's last word before it closes (57P01 and the like); the loss is logged once
      conn.exceptionHandler(e -> log.debug("Change listener connection: {}", e.toString()));
    }
    invalidations.missed();
    stats.listening(true);
    long downMillis = (System.nanoTime() - downSinceNanos) / 1_000_000;
    if (listenedOnce) {
      stats.reconnected();
      log.info("Change listener listening again on {} after {} ms; every cache dropped", ChangeNotice.CHANNEL,
          downMillis);
    } else {
      log.info("Change listener listening on {}", ChangeNotice.CHANNEL);
    }
    listenedOnce = true;
    failureLogged = false;
  }

  private void received(String payload) {
    stats.received();
    Optional<Change> change = ChangePayload.decode(payload);
    if (change.isPresent()) {
      invalidations.apply(change.get());
    } else {
      log.warn("Unreadable change notification ({} characters); every cache dropped", payload.length());
      invalidations.missed();
    }
  }

  /** A connection that does not answer within the deadline is closed, which makes the subscriber reconnect. */
  private void heartbeat() {
    PgConnection conn = subscriber.actualConnection();
    if (conn == null || !stats.listening() || pinging) {
      return;
    }
    pinging = true;
    long timer = vertx.setTimer(heartbeatTimeoutMillis, t -> {
      pinging = false;
      log.warn("Change listener: no answer from the database within {} ms; reconnecting", heartbeatTimeoutMillis);
      conn.close();
    });
    conn.query(HEARTBEAT).execute().onComplete(ar -> {
      pinging = false;
      if (vertx.cancelTimer(timer) && ar.failed()) {
        conn.close();
      }
    });
  }
}
