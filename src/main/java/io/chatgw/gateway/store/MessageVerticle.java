package io.chatgw.gateway.store;

import io.chatgw.gateway.bus.Addresses;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.Dialect;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.http.GatewayError;
import io.chatgw.gateway.http.HistoryClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Answers history requests from the event bus: the dialect's query, rendered into a Buffer. */
public final class MessageVerticle extends VerticleBase {

  private final Map<String, Dialect> dialects;
  private final StoreContext store;
  private MessageConsumer<HistoryRequest> consumer;

  public MessageVerticle(List<Dialect> dialects, StoreContext store) {
    this.dialects = dialects.stream().collect(Collectors.toMap(Dialect::name, Function.identity()));
    this.store = store;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(Addresses.HISTORY, this::roomMessages);
    return consumer.completion();
  }

  private void roomMessages(Message<HistoryRequest> message) {
    Dialect dialect = dialects.get(message.body().dialect());
    Future<?> reply;
    try {
      reply = dialect.read(message.body(), store);
    } catch (GatewayError e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        HistoryClient.fail(message, ar.cause());
      }
    });
  }
}
