package io.chatgw.gateway.changes;

import io.chatgw.gateway.support.TestPostgres;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's own LISTEN on the gateway's channel: every payload, in the order PostgreSQL delivered them. */
final class Notifications implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final LinkedBlockingQueue<String> payloads = new LinkedBlockingQueue<>();
  private final PgSubscriber subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(TestPostgres.url()));

  Notifications() {
    Promise<Void> listening = Promise.promise();
    subscriber.channel(ChangeNotice.CHANNEL).subscribeHandler(v -> listening.tryComplete()).handler(payloads::add);
    subscriber.connect().await();
    listening.future().await();
  }

  /**
   * The payloads delivered up to and including the first that contains {@code marker} (waiting
   * at most 5 s for it). Notifications arrive in commit order, so once a later commit's has come,
   * every earlier commit's has too.
   */
  List<String> upTo(String marker) {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      String next;
      try {
        next = payloads.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      if (next == null) {
        throw new AssertionError("no notification containing " + marker + " within 5 s; seen: " + seen);
      }
      seen.add(next);
      if (next.contains(marker)) {
        return seen;
      }
    }
  }

  /** Of {@code payloads}, those that name {@code tenant}. */
  static List<String> naming(List<String> payloads, String tenant) {
    return payloads.stream().filter(p -> p.contains("\"" + tenant + "\"")).toList();
  }

  @Override
  public void close() {
    subscriber.close().await();
    vertx.close().await();
  }
}
