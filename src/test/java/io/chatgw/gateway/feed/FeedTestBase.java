package io.chatgw.gateway.feed;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the live-feed tests share: the shared gateway, a Vert.x of their own for the SSE and
 * WebSocket clients, and the admin API to change rooms through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FeedTestBase {

  static final Duration SOON = Duration.ofSeconds(5);

  TestGateway gateway;
  Vertx vertx;
  Http http;
  Admin admin;

  @BeforeAll
  void startClients() {
    gateway = TestGateway.shared();
    vertx = Vertx.vertx();
    http = new Http(gateway.port());
    admin = new Admin(http);
  }

  @AfterAll
  void stopClients() {
    http.close();
    vertx.close().await();
  }
}
