package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.bus.Addresses;
import io.chatgw.gateway.bus.BusFailure;
import io.chatgw.gateway.bus.HistoryParams;
import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.bus.LocalCodec;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message verticle answers every request at once: a bug of any kind (no reader for the dialect,
 * parameters of another type, a throw, a failed future) is a 500 reply failure well before the send
 * timeout, and a GatewayError keeps its status and details.
 */
class MessageVerticleTest {

  /** Far above how long an answer takes, far below the send timeout a lost request would wait. */
  private static final long SEND_TIMEOUT_MILLIS = 30_000;
  private static final long PROMPT_MILLIS = 2_000;

  private record Room(long number) implements HistoryParams {}

  private record OtherParams() implements HistoryParams {}

  private final Vertx vertx = Vertx.vertx();
  private final Principal caller = new Principal("t1", "u1");

  @BeforeEach
  void deploy() {
    LocalCodec.registerAll(vertx.eventBus());
    Map<String, HistoryReader> readers = Map.of(
        "ok", HistoryReader.of(Room.class, (who, room) ->
            Future.succeededFuture(new HistoryReply(200, Buffer.buffer("room " + room.number())))),
        "throws", request -> {
          throw new NullPointerException("a bug");
        },
        "fails", request -> Future.failedFuture(new IllegalStateException("a later bug")),
        "forbidden", request -> Future.failedFuture(GatewayError.of(403, "one", "two")));
    vertx.deployVerticle(new MessageVerticle(readers, new io.chatgw.gateway.bus.LocalReaders())).await();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aReaderAnswers() {
    HistoryReply reply = send(new HistoryRequest("ok", caller, new Room(42))).await();
    assertEquals(200, reply.status());
    assertEquals("room 42", reply.body().toString());
  }

  @Test
  void anUnknownDialectIsA500AtOnce() {
    assertPrompt500(new HistoryRequest("no-such-dialect", caller, new Room(42)));
  }

  @Test
  void parametersOfAnotherTypeAreA500AtOnce() {
    assertPrompt500(new HistoryRequest("ok", caller, new OtherParams()));
  }

  @Test
  void aThrowingReaderIsA500AtOnce() {
    assertPrompt500(new HistoryRequest("throws", caller, new Room(1)));
  }

  @Test
  void aFailedFutureIsA500AtOnce() {
    assertPrompt500(new HistoryRequest("fails", caller, new Room(1)));
  }

  @Test
  void aGatewayErrorKeepsItsStatusAndDetails() {
    Future<HistoryReply> reply = send(new HistoryRequest("forbidden", caller, new Room(1)));
    reply.otherwiseEmpty().await();
    GatewayError decoded = BusFailure.decode(reply.cause());
    assertEquals(403, decoded.status());
    assertEquals(List.of("one", "two"), decoded.details());
  }

  private void assertPrompt500(HistoryRequest request) {
    long start = System.nanoTime();
    Future<HistoryReply> reply = send(request);
    reply.otherwiseEmpty().await();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(reply.failed(), "answered with a failure");
    ReplyException failure = assertInstanceOf(ReplyException.class, reply.cause());
    assertEquals(ReplyFailure.RECIPIENT_FAILURE, failure.failureType());
    assertEquals(500, failure.failureCode());
    assertEquals(500, BusFailure.decode(failure).status());
    assertTrue(tookMillis < PROMPT_MILLIS, "answered in " + tookMillis + " ms");
  }

  private Future<HistoryReply> send(HistoryRequest request) {
    return vertx.eventBus().<HistoryReply>request(Addresses.HISTORY, request,
        new DeliveryOptions().setSendTimeout(SEND_TIMEOUT_MILLIS)).map(message -> message.body());
  }
}
