package io.chatgw.gateway.dialect.allmine;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.pgclient.PgConnectOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP pass-through in front of the test PostgreSQL that a test can cut (open connections are
 * dropped, new ones refused) and restore: a database outage that leaves the shared server alone.
 */
final class DatabaseProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final PgConnectOptions target;
  private final NetClient client;
  private final NetServer server;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean down;

  DatabaseProxy(String databaseUrl) {
    target = PgConnectOptions.fromUri(databaseUrl);
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::accept);
    server.listen(0, "127.0.0.1").await();
  }

  /** The database URL that goes through this proxy. */
  String url() {
    String password = target.getPassword() == null || target.getPassword().isEmpty()
        ? "" : ":" + target.getPassword();
    return "postgresql://" + target.getUser() + password + "@127.0.0.1:" + server.actualPort()
        + "/" + target.getDatabase();
  }

  void cut() {
    down = true;
    open.forEach(NetSocket::close);
  }

  void restore() {
    down = false;
  }

  private void accept(NetSocket inbound) {
    if (down) {
      inbound.close();
      return;
    }
    inbound.pause();
    client.connect(target.getPort(), target.getHost()).onComplete(ar -> {
      if (ar.failed() || down) {
        inbound.close();
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      NetSocket outbound = ar.result();
      open.add(inbound);
      open.add(outbound);
      inbound.closeHandler(v -> forget(inbound, outbound));
      outbound.closeHandler(v -> forget(outbound, inbound));
      inbound.pipeTo(outbound);
      outbound.pipeTo(inbound);
      inbound.resume();
    });
  }

  private void forget(NetSocket closed, NetSocket peer) {
    open.remove(closed);
    peer.close();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
