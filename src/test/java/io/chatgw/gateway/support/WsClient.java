package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (Vert.x WebSocketClient) that queues the JSON text frames it receives. */
public final class WsClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private volatile Short closeStatus;

  private WsClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(v -> closeStatus = socket.closeStatusCode() == null ? -1 : socket.closeStatusCode());
  }

  public static WsClient connect(Vertx vertx, int port, String uri, String... headerPairs) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    for (int i = 0; i < headerPairs.length; i += 2) {
      options.addHeader(headerPairs[i], headerPairs[i + 1]);
    }
    return new WsClient(client, client.connect(options).await());
  }

  public void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode()).await();
  }

  public void sendText(String text) {
    socket.writeTextMessage(text).await();
  }

  public JsonObject next(Duration timeout) {
    try {
      JsonObject frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(frame, "no frame within " + timeout);
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next frame that is not a message (an ack or an error), skipping none: fails on a message. */
  public JsonObject subscribe(String room, String after) {
    send(new JsonObject().put("type", "subscribe").put("room", room).put("after", after));
    return next(Duration.ofSeconds(5));
  }

  public Short closeStatus() {
    return closeStatus;
  }

  public WebSocket socket() {
    return socket;
  }

  @Override
  public void close() {
    if (closeStatus == null) {
      socket.close().await();
    }
    client.close().await();
  }
}
