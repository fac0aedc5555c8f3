package io.chatgw.gateway.changes;

import java.util.concurrent.atomic.AtomicLong;

/** What /metrics shows of the change listener: notifications received, reconnections, whether it listens now. */
public final class ListenerStats {

  private final AtomicLong notifications = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private volatile boolean listening;

  public long notifications() {
    return notifications.get();
  }

  /** How often the listener listened again after losing its connection (and dropped every cache). */
  public long reconnects() {
    return reconnects.get();
  }

  public boolean listening() {
    return listening;
  }

  void received() {
    notifications.incrementAndGet();
  }

  void listening(boolean now) {
    listening = now;
  }

  void reconnected() {
    reconnects.incrementAndGet();
  }
}
