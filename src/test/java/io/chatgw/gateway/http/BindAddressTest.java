package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatgw.gateway.config.ConfigLoader;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, finding 9: the bind address is {@code http.host}; by default {@code 0.0.0.0}, every
 * interface, which is what a container needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BindAddressTest {

  TestGateway loopbackOnly;

  @BeforeAll
  void start() {
    loopbackOnly = TestGateway.start(new JsonObject().put("http", new JsonObject().put("host", "127.0.0.1")),
        UnaryOperator.identity());
  }

  @AfterAll
  void stop() {
    loopbackOnly.close();
  }

  @Test
  void byDefaultEveryInterfaceAndNoH2c() {
    var http = ConfigLoader.fromJson(new JsonObject(), Map.of()).http();
    assertEquals("0.0.0.0", http.host());
    assertFalse(http.h2c());
  }

  @Test
  void aGatewayBoundTo127001AnswersThere() {
    assertEquals("127.0.0.1", loopbackOnly.config().http().host());
    try (Http http = new Http(loopbackOnly.port())) {
      assertEquals(200, http.get("/health/live").status());
    }
  }

  /**
   * 127.0.0.2 is another address of the loopback interface (the whole 127.0.0.0/8 is): a gateway
   * bound to 127.0.0.1 must not answer there, one bound to every interface does. Tests send
   * traffic to loopback addresses only.
   */
  @Test
  void aGatewayBoundTo127001IsNotReachableOnAnotherLocalAddress() throws IOException {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    try (Socket socket = new Socket()) {
      assertThrows(IOException.class,
          () -> socket.connect(new InetSocketAddress(other, loopbackOnly.port()), 2000),
          "connected on " + other);
    }
    try (Socket reachable = new Socket()) { // the same address reaches a gateway on 0.0.0.0
      reachable.connect(new InetSocketAddress(other, TestGateway.shared().port()), 2000);
    }
  }
}
