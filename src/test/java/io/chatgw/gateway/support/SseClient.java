package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Server-Sent Events client over the Vert.x HttpClient: parses the stream into events
 * ({@code id}, {@code event}, {@code data}), counts comment lines, and remembers the id of an
 * id-only block (the stream's start cursor). Blocking helpers for the JUnit thread.
 */
public final class SseClient implements AutoCloseable {

  public record Event(String id, String event, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final HttpClient client;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final StringBuilder pending = new StringBuilder();
  private volatile String startId;
  private volatile boolean ended;
  private volatile int status;
  private volatile MultiMap headers;
  private volatile String errorBody;

  private SseClient(HttpClient client) {
    this.client = client;
  }

  /** Opens {@code uri}; returns once the head has arrived (and, for a status other than 200, the body). */
  public static SseClient open(Vertx vertx, int port, String uri, String... headerPairs) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(port)
        .setDefaultHost("127.0.0.1").setKeepAlive(false));
    SseClient sse = new SseClient(client);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(uri);
    for (int i = 0; i < headerPairs.length; i += 2) {
      options.addHeader(headerPairs[i], headerPairs[i + 1]);
    }
    // the handlers are set on the response's own event loop, as it arrives: set later, a body could be
    // missed. The request is made from a context of its own (not the test's thread), so that the
    // connection, the response and these callbacks share one event loop and the head's callback runs
    // before the first chunk is handled (eclipse-vertx/vert.x#5825: from another thread the first
    // chunks can arrive before it).
    io.vertx.core.Promise<Void> opened = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(ignored -> client.request(options)
        .compose(request -> request.send())
        .compose(response -> {
          sse.status = response.statusCode();
          sse.headers = response.headers();
          if (sse.status != 200) {
            return response.body().map(body -> sse.errorBody = body.toString()).<Void>mapEmpty();
          }
          response.handler(buffer -> sse.received(buffer.toString()));
          response.endHandler(v -> sse.ended = true);
          response.exceptionHandler(e -> sse.ended = true);
          return io.vertx.core.Future.<Void>succeededFuture();
        })
        .onComplete(opened));
    opened.future().timeout(10, TimeUnit.SECONDS).await();
    return sse;
  }

  private synchronized void received(String chunk) {
    pending.append(chunk);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 2);
      block(block);
    }
  }

  private void block(String block) {
    String id = null;
    String event = null;
    StringBuilder data = null;
    for (String line : block.split("\n")) {
      if (line.startsWith(":")) {
        comments.incrementAndGet();
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
      }
    }
    if (data != null) {
      events.add(new Event(id, event, data.toString()));
    } else if (id != null) {
      startId = id;
    }
  }

  public int status() {
    return status;
  }

  public String header(String name) {
    return headers.get(name);
  }

  /** The error answer's body (status other than 200). */
  public JsonObject error() {
    return new JsonObject(errorBody);
  }

  /** The cursor the stream started from (its first, id-only block). */
  public String startId() {
    return Eventually.eventually(Duration.ofSeconds(5), "the stream's start id", () -> startId, id -> id != null);
  }

  public int comments() {
    return comments.get();
  }

  public boolean ended() {
    return ended;
  }

  public Event next(Duration timeout) {
    try {
      Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(event, "no event within " + timeout);
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Exactly the next {@code n} events, each within {@code timeout}. */
  public List<Event> take(int n, Duration timeout) {
    List<Event> taken = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      taken.add(next(timeout));
    }
    return taken;
  }

  /** No event arrives within {@code quiet}. */
  public void assertNoEvent(Duration quiet) {
    try {
      assertNull(events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS), "an unexpected event");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void assertStatus(int expected) {
    assertEquals(expected, status, errorBody);
  }

  @Override
  public void close() {
    client.close().await();
  }
}
