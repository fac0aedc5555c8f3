package io.chatgw.gateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable records over the local event bus as they are: no JSON copy. They never cross
 * the wire (the gateway is not clustered), so the wire methods refuse.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  private final String name;

  private LocalCodec(Class<T> type) {
    this.name = "local-" + type.getName();
  }

  /** Registers the codec of every bus record; call once per Vertx instance. */
  public static void registerAll(EventBus bus) {
    bus.registerDefaultCodec(HistoryRequest.class, new LocalCodec<>(HistoryRequest.class));
    bus.registerDefaultCodec(HistoryReply.class, new LocalCodec<>(HistoryReply.class));
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new UnsupportedOperationException("local-only codec " + name);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("local-only codec " + name);
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
