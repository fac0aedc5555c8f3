package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A client that drips its request headers byte by byte is cut off after the idle timeout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {

  TestGateway gateway;

  @BeforeAll
  void start() {
    gateway = TestGateway.start(c -> new GatewayConfig(new GatewayConfig.Http(c.http().port(),
        c.http().maxInitialLineLength(), c.http().maxHeaderSize(), 2, c.http().shutdownGraceSeconds(),
        c.http().host(), c.http().h2c(), c.http().maxInFlight()),
        c.database(), c.adminToken(), c.jwt(), c.auth(), c.mirage(), c.imports(), c.pages(), c.instances()));
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void dripFedHeadersAreCutAfterTheIdleTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      OutputStream out = socket.getOutputStream();
      byte[] request = "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
      long start = System.nanoTime();
      boolean closed = false;
      for (int i = 0; i < request.length && !closed; i++) {
        try {
          out.write(request[i]);
          out.flush();
        } catch (IOException e) {
          closed = true;
        }
        Thread.sleep(250); // each byte well inside Vert.x's own idle timeout
        closed |= isClosed(socket);
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(closed, "the connection was still open after " + seconds + " s");
      assertTrue(seconds <= 6, "cut after " + seconds + " s");
    }
  }

  @Test
  void aKeepAliveClientThatSendsWholeRequestsIsServed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5000);
      for (int i = 0; i < 3; i++) {
        socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        Thread.sleep(1000);
      }
    }
  }

  static boolean isClosed(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "closed early: " + head);
      head.append((char) b);
    }
    int length = Integer.parseInt(head.toString().replaceAll("(?is).*content-length: (\\d+).*", "$1"));
    assertEquals(length, in.readNBytes(length).length);
    return head.toString();
  }
}
