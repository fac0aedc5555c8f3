package io.chatgw.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.FeedLimits;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.MetricsText;
import io.chatgw.gateway.support.SseClient;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/feed.md, "Slow clients": a client that does not read is dropped once its write queue
 * ({@code feed.maxQueuedBytes}) is full, instead of being buffered without bound; what it did
 * receive ends with a whole event, and resuming after that event's id delivers the rest, none twice.
 */
class SlowClientDropTest {

  static final int MESSAGES = 400;

  @Test
  void aClientThatDoesNotReadIsDroppedAndResumesFromItsLastEvent() throws Exception {
    FeedLimits d = FeedLimits.DEFAULTS;
    try (TestGateway gateway = TestGateway.start(c -> c.withFeed(new FeedLimits(d.heartbeatSeconds(),
            d.maxSubscribers(), d.maxPerTenant(), d.maxRooms(), d.pageRows(), 4096, d.maxFrameBytes())));
        Http http = new Http(gateway.port())) {
      Admin admin = new Admin(http);
      FeedRoom room = FeedRoom.load(admin, "slow");
      String text = "x".repeat(16_000);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
        socket.getOutputStream().write(("GET /v1/events?rooms=r HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
            + room.jwt() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        while (!received.toString(StandardCharsets.UTF_8).contains("id: ")) { // the head and the start id
          received.write(in.read());
        }
        // ... and then it reads nothing while 400 messages of 16 KB each are imported
        for (int batch = 0; batch < MESSAGES / 50; batch++) {
          Docs docs = Docs.forTenant(room.tenant());
          for (int i = 0; i < 50; i++) {
            docs.message(FeedRoom.message("s" + (batch * 50 + i), text));
          }
          admin.load(docs.json());
        }
        Eventually.eventually(Duration.ofSeconds(10), "the slow client is dropped",
            () -> MetricsText.value(http, "gateway_feed_slow_drops_total") >= 1);
        socket.setSoTimeout(5000);
        readAll(in, received);
      }
      List<String> ids = new ArrayList<>();
      String lastId = null;
      for (String block : dechunk(received.toString(StandardCharsets.UTF_8)).split("\n\n", -1)) {
        if (block.contains("\ndata: ")) {  // a whole event: id, event, data, then the blank line
          lastId = block.substring(block.indexOf("id: ") + 4, block.indexOf('\n', block.indexOf("id: ")));
          String data = block.substring(block.indexOf("data: ") + 6);
          ids.add(new io.vertx.core.json.JsonObject(data).getString("id"));
        }
      }
      assertTrue(ids.size() < MESSAGES, "dropped before it had everything: " + ids.size());
      Vertx vertx = Vertx.vertx();
      try (SseClient resumed = SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r", "Authorization",
          "Bearer " + room.jwt(), "Last-Event-ID", lastId)) {
        resumed.assertStatus(200);
        for (SseClient.Event event : resumed.take(MESSAGES - ids.size(), Duration.ofSeconds(10))) {
          ids.add(event.json().getString("id"));
        }
        resumed.assertNoEvent(Duration.ofMillis(300));
      } finally {
        vertx.close().await();
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        expected.add("s" + i);
      }
      assertEquals(expected, ids);
    }
  }

  private static void readAll(InputStream in, ByteArrayOutputStream into) {
    byte[] buffer = new byte[65536];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        into.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // reset: the stream was cut, as a dropped client's is
    }
  }

  /** The body of a chunked HTTP/1.1 response (after its head), as far as whole chunks go. */
  private static String dechunk(String response) {
    int at = response.indexOf("\r\n\r\n") + 4;
    StringBuilder body = new StringBuilder();
    while (true) {
      int eol = response.indexOf("\r\n", at);
      if (eol < 0) {
        return body.toString();
      }
      int size = Integer.parseInt(response.substring(at, eol).trim(), 16);
      if (size == 0 || eol + 2 + size > response.length()) {
        return body.toString();
      }
      body.append(response, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }
}
