package io.chatgw.gateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking HTTP client for tests (Vert.x WebClient, awaited on the JUnit thread). */
public final class Http implements AutoCloseable {

  /** What came back: status, headers, body text. */
  public record Response(int status, MultiMap headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public String header(String name) {
      return headers.get(name);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final int port;

  public Http(int port) {
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port).setMaxHeaderSize(64 * 1024).setKeepAlive(true));
  }

  public Response get(String uri, String... headerPairs) {
    return send(HttpMethod.GET, uri, null, headerPairs);
  }

  public Response post(String uri, Buffer body, String... headerPairs) {
    return send(HttpMethod.POST, uri, body, headerPairs);
  }

  /** A header named twice is sent twice, in the order given. */
  public Response send(HttpMethod method, String uri, Buffer body, String... headerPairs) {
    HttpRequest<Buffer> request = client.request(method, uri);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      request.headers().add(headerPairs[i], headerPairs[i + 1]);
    }
    var response = (body == null ? request.send() : request.sendBuffer(body)).await();
    String text = response.body() == null ? "" : response.body().toString(StandardCharsets.UTF_8);
    return new Response(response.statusCode(), response.headers(), text);
  }

  /** Sends raw bytes on a new connection and returns the status code of the first response line. */
  public int rawStatus(String requestHead) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        line.write(b);
      }
      String status = line.toString(StandardCharsets.ISO_8859_1);
      return Integer.parseInt(status.split(" ")[1]);
    } catch (IOException e) {
      throw new IllegalStateException("raw request failed: " + e, e);
    }
  }

  @Override
  public void close() {
    client.close();
    vertx.close().await();
  }
}
