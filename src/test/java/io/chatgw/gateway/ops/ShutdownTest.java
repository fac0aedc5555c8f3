package io.chatgw.gateway.ops;

import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.ConfigLoader;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestPostgres;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: readiness turns 503, requests in flight finish, nothing accepted is lost. */
class ShutdownTest {

  @Test
  void whileDrainingReadinessIs503NewHistoryRequestsGet503AndTheRequestInFlightFinishes() throws Exception {
    TestGateway gateway = TestGateway.start(c -> c);
    Docs d = Docs.newTenant("drain").user("u", "u").room("r", 1, "u");
    try (Http http = new Http(gateway.port())) {
      new Admin(http).load(d.json());
      String jwt = new Admin(http).tokens(d.tenant(), "u").getString("jwt");
      try (Socket slow = new Socket("127.0.0.1", gateway.port())) {
        // an NDJSON import whose body is still arriving: a request in flight
        OutputStream out = slow.getOutputStream();
        String head = "POST /admin/v1/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestGateway.ADMIN_TOKEN
            + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(chunk("{\"kind\":\"tenant\",\"id\":\"" + d.tenant() + "\"}\n"));
        out.flush();
        Thread.sleep(300);

        Future<Void> stopped = gateway.gateway().shutdown(10_000);
        Thread.sleep(100);
        assertEquals(503, http.get("/health/ready").status());
        Http.Response history = http.get("/api/get_room_messages?room_id=1", "Authorization", jwt);
        assertEquals(503, history.status());
        assertEquals("{\"error\":\"service unavailable\"}", history.body());
        assertEquals("close", history.header("Connection"));
        assertFalse(stopped.isComplete(), "the gateway waits for the request in flight");

        out.write(chunk(""));
        out.flush();
        String response = readAll(slow.getInputStream());
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        stopped.await(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void sigtermUnderLoadLosesNoAcceptedRequest() throws Exception {
    Docs d = Docs.newTenant("sigterm").user("u", "u").room("r", 1, "u")
        .message("m", "r", "u", "hi", Instant.now().minusSeconds(5));
    String jwt;
    try (Http shared = new Http(TestGateway.shared().port())) {
      new Admin(shared).load(d.json());
      jwt = new Admin(shared).tokens(d.tenant(), "u").getString("jwt");
    }
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
        "io.chatgw.gateway.Main").redirectErrorStream(true).redirectOutput(new java.io.File("target/shutdown-gateway.log"));
    builder.environment().put(ConfigLoader.ENV_DATABASE_URL, TestPostgres.url());
    builder.environment().put(ConfigLoader.ENV_JWT_SECRET, TestGateway.JWT_SECRET);
    builder.environment().put(ConfigLoader.ENV_HTTP_PORT, String.valueOf(port));
    Process gateway = builder.start();
    try {
      waitReady(port);
      List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Thread t = new Thread(() -> {
          while (running.get()) {
            String o = request(port, "/api/get_room_messages?room_id=1", jwt);
            outcomes.add(o);
          }
        });
        t.start();
        clients.add(t);
      }
      Thread.sleep(1000);
      long signalled = System.nanoTime();
      gateway.destroy(); // SIGTERM
      assertTrue(gateway.waitFor(15, TimeUnit.SECONDS), "the gateway exits within its grace period");
      long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
      Thread.sleep(300);
      running.set(false);
      for (Thread t : clients) {
        t.join(5000);
      }
      List<String> cut = outcomes.stream().filter(o -> o.startsWith("CUT")).toList();
      assertTrue(cut.isEmpty(), "responses cut off: " + cut.subList(0, Math.min(5, cut.size())));
      assertTrue(outcomes.contains("200"), "requests were served before the signal");
      assertTrue(outcomes.stream().allMatch(o -> o.equals("200") || o.equals("503") || o.startsWith("NOT ACCEPTED")),
          "outcomes: " + outcomes.stream().distinct().toList());
      String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/shutdown-gateway.log"));
      assertTrue(log.contains("Shutdown: drained; 0 request(s) still in flight"), "server-side: every request it read was answered\n" + log);
      assertTrue(exitMillis < 12_000, "exit took " + exitMillis + " ms");
    } finally {
      gateway.destroyForcibly();
    }
  }

  /**
   * One request on a new connection: its status; NOT ACCEPTED when the connection was refused or
   * closed before a single byte of answer (the server never read the request: a connection still in
   * the kernel's queue, or closed idle while stopping); CUT when an answer started and broke off.
   */
  static String request(int port, String path, String jwt) {
    Socket socket;
    try {
      socket = new Socket("127.0.0.1", port);
    } catch (IOException e) {
      return "NOT ACCEPTED (refused)";
    }
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (socket) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + jwt
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getInputStream().transferTo(received);
    } catch (IOException e) {
      if (received.size() > 0) {
        return "CUT " + e;
      }
    }
    String response = received.toString(StandardCharsets.UTF_8);
    if (response.isEmpty()) {
      return "NOT ACCEPTED (closed without answer)";
    }
    int split = response.indexOf("\r\n\r\n");
    java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(response);
    if (!response.startsWith("HTTP/1.1 ") || split < 0 || !length.find()
        || response.substring(split + 4).getBytes(StandardCharsets.UTF_8).length != Integer.parseInt(length.group(1))) {
      return "CUT " + response;
    }
    return response.substring(9, 12);
  }

  static byte[] chunk(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return (Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static void waitReady(int port) {
    eventually(Duration.ofSeconds(60), "the gateway process is ready", () -> request(port, "/health/ready", "-"),
        "200"::equals);
  }

  static String javaBin() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
