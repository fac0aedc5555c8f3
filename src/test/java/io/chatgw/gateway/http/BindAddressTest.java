package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatgw.gateway.config.ConfigLoader;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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

  @Test
  void aGatewayBoundTo127001IsNotReachableOnAnotherLocalAddress() throws IOException {
    Optional<InetAddress> other = nonLoopbackIpv4();
    Assumptions.assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address");
    try (Socket socket = new Socket()) {
      assertThrows(IOException.class,
          () -> socket.connect(new InetSocketAddress(other.get(), loopbackOnly.port()), 2000),
          "connected on " + other.get());
    }
    try (Socket reachable = new Socket()) { // the same address reaches a gateway on 0.0.0.0
      reachable.connect(new InetSocketAddress(other.get(), TestGateway.shared().port()), 2000);
    }
  }

  private static Optional<InetAddress> nonLoopbackIpv4() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }
}
