package io.chatgw.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.TestGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The Dockerfile's HEALTHCHECK: 200 from /health/live is healthy; nothing listening is not. */
class LivenessProbeTest {

  @Test
  void aRunningGatewayIsLive() {
    assertTrue(LivenessProbe.check(TestGateway.shared().port(), 2000));
  }

  @Test
  void aPortNobodyListensOnIsNot() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertFalse(LivenessProbe.check(port, 500));
  }
}
