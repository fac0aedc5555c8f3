package io.chatgw.gateway.store;

import io.chatgw.gateway.bus.Addresses;
import io.chatgw.gateway.bus.LocalReaders;
import io.chatgw.gateway.bus.BusFailure;
import io.chatgw.gateway.bus.HistoryReader;
import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.Map;

/**
 * Answers history requests from the event bus with the reader of the request's dialect. Every
 * request is answered: a failure, thrown or asynchronous, becomes a reply failure at once
 * ({@link BusFailure}), so that a bug is a logged 500 rather than a 503 after the send timeout.
 */
public final class MessageVerticle extends VerticleBase {

  private final Map<String, HistoryReader> readers;
  private final LocalReaders local;
  private String localAddress;

  /**
   * @param readers each dialect's reader, by the dialect name its requests carry
   * @param local where the routers find the message verticle of their own event loop
   */
  public MessageVerticle(Map<String, HistoryReader> readers, LocalReaders local) {
    this.readers = Map.copyOf(readers);
    this.local = local;
  }

  /** On the shared address and on one of its own, which routers on the same event loop use. */
  @Override
  public Future<?> start() {
    localAddress = local.register();
    return Future.all(vertx.eventBus().localConsumer(Addresses.HISTORY, this::roomMessages).completion(),
        vertx.eventBus().localConsumer(localAddress, this::roomMessages).completion());
  }

  @Override
  public Future<?> stop() {
    local.unregister(localAddress);
    return Future.succeededFuture();
  }

  private void roomMessages(Message<HistoryRequest> message) {
    answer(message).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        BusFailure.reply(message, ar.cause());
      }
    });
  }

  private Future<HistoryReply> answer(Message<HistoryRequest> message) {
    try {
      HistoryRequest request = message.body();
      HistoryReader reader = readers.get(request.dialect());
      if (reader == null) {
        throw new IllegalArgumentException("no reader for dialect " + request.dialect());
      }
      Future<HistoryReply> reply = reader.read(request);
      return reply != null ? reply : Future.failedFuture(new NullPointerException("no reply future"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
