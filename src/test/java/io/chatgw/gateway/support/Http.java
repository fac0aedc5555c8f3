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
import java.util.Arrays;

/** A blocking HTTP client for tests (Vert.x WebClient, awaited on the JUnit thread). */
public final class Http implements AutoCloseable {

  /** What came back: status, headers, body text (decoded leniently) and the body's raw bytes. */
  public record Response(int status, MultiMap headers, String body, byte[] bytes) {
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
    byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes();
    return new Response(response.statusCode(), response.headers(), new String(bytes, StandardCharsets.UTF_8), bytes);
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

  /**
   * Sends raw bytes on a new connection (the request should say {@code Connection: close}) and
   * reads the whole answer: status line, headers, and a body of {@code Content-Length} bytes.
   */
  public Response raw(String requestHead) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] all = socket.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, headEnd).split("\r\n");
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
      String length = headers.get("Content-Length");
      int bodyStart = headEnd + 4;
      int bodyEnd = length == null ? all.length : bodyStart + Integer.parseInt(length);
      byte[] body = Arrays.copyOfRange(all, bodyStart, bodyEnd);
      return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
          new String(body, StandardCharsets.UTF_8), body);
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
