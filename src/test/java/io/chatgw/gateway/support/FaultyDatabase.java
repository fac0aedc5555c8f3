package io.chatgw.gateway.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The test PostgreSQL behind a TCP proxy that a test can break for the one gateway it points at
 * {@link #url()}: {@link #cut()} (every connection closed, new ones refused, as by a stopped
 * server), {@link #stall()} (connections stay open and new ones are accepted, but nothing is
 * forwarded, as by a hung server: calls run into the gateway's deadline) and {@link #restore()}.
 * The shared server and every other gateway of the run notice nothing.
 */
public final class FaultyDatabase implements AutoCloseable {

  private enum State { UP, CUT, STALLED }

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final URI upstream;
  private final PgConnectOptions target;
  private final NetClient client = vertx.createNetClient();
  /** Touched on {@link #context} only, like everything below. */
  private final Set<Link> links = new HashSet<>();
  private NetServer server;
  private volatile int port;
  private State state = State.UP;

  /** In front of the run's test PostgreSQL ({@link TestPostgres#url()}). */
  public FaultyDatabase() {
    this(TestPostgres.url());
  }

  public FaultyDatabase(String databaseUrl) {
    upstream = URI.create(databaseUrl);
    target = PgConnectOptions.fromUri(databaseUrl);
    onProxy(this::listen);
  }

  /** The database URL through this proxy: the upstream one with the proxy's host and port. */
  public String url() {
    String user = upstream.getRawUserInfo() == null ? "" : upstream.getRawUserInfo() + "@";
    String query = upstream.getRawQuery() == null ? "" : "?" + upstream.getRawQuery();
    return upstream.getScheme() + "://" + user + "127.0.0.1:" + port + upstream.getRawPath() + query;
  }

  /** Closes every connection and stops listening: a new connection is refused by the OS. */
  public void cut() {
    onProxy(() -> {
      state = State.CUT;
      List.copyOf(links).forEach(Link::close);
      NetServer listening = server;
      server = null;
      return listening == null ? Future.succeededFuture() : listening.close();
    });
  }

  /** Keeps every connection and accepts new ones, but forwards no byte either way. */
  public void stall() {
    onProxy(() -> {
      if (state == State.UP) {
        state = State.STALLED;
        links.forEach(Link::pause);
      }
      return Future.succeededFuture();
    });
  }

  /** Back to a plain pass-through: stalled bytes flow on, a cut proxy listens again on its port. */
  public void restore() {
    onProxy(() -> {
      State was = state;
      state = State.UP;
      links.forEach(Link::resume);
      return was == State.CUT ? listen() : Future.succeededFuture();
    });
  }

  /**
   * The local ports of the proxy's connections to PostgreSQL: {@code pg_stat_activity.client_port}
   * of exactly the backends that serve the gateway behind it.
   */
  public List<Integer> backendPorts() {
    return onProxy(() -> Future.succeededFuture(links.stream().map(l -> l.outbound.localAddress().port()).toList()));
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  private Future<Void> listen() {
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(port, "127.0.0.1").map(s -> {
      port = s.actualPort();
      return null;
    });
  }

  private void accept(NetSocket inbound) {
    inbound.pause();
    client.connect(target.getPort(), target.getHost()).onComplete(connected -> {
      if (connected.failed() || state == State.CUT) {
        inbound.close();
        if (connected.succeeded()) {
          connected.result().close();
        }
        return;
      }
      Link link = new Link(inbound, connected.result());
      links.add(link);
      if (state == State.UP) {
        link.resume();
      }
    });
  }

  /** Runs {@code action} on the proxy's event loop and waits for it, on the JUnit thread. */
  private <T> T onProxy(Supplier<Future<T>> action) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(done));
    return done.future().await();
  }

  /** One client connection and its connection to PostgreSQL, forwarded both ways while resumed. */
  private final class Link {
    final NetSocket inbound;
    final NetSocket outbound;

    Link(NetSocket inbound, NetSocket outbound) {
      this.inbound = inbound;
      this.outbound = outbound;
      outbound.pause();
      forward(inbound, outbound);
      forward(outbound, inbound);
    }

    private void forward(NetSocket from, NetSocket to) {
      from.handler(bytes -> {
        to.write(bytes);
        if (to.writeQueueFull()) {
          from.pause();
          to.drainHandler(v -> {
            if (state == State.UP) {
              from.resume();
            }
          });
        }
      });
      from.closeHandler(v -> {
        links.remove(this);
        to.close();
      });
    }

    void pause() {
      inbound.pause();
      outbound.pause();
    }

    void resume() {
      inbound.resume();
      outbound.resume();
    }

    void close() {
      links.remove(this);
      inbound.close();
      outbound.close();
    }
  }
}
