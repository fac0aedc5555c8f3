package io.chatgw.gateway.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The message verticles of one Vert.x instance by the event-loop thread they run on, so that a
 * router sends a request to the one on its own thread when there is one: the request and its
 * reply then stay on that thread instead of crossing to another core and back. Any other sender,
 * and a thread without one, uses {@link Addresses#HISTORY}, which every message verticle also
 * consumes.
 */
public final class LocalReaders {

  private final Map<Thread, String> byThread = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  /** A new address for a message verticle on the calling thread, from now on the one its senders use. */
  public String register() {
    String address = Addresses.HISTORY + "." + next.incrementAndGet();
    byThread.put(Thread.currentThread(), address);
    return address;
  }

  public void unregister(String address) {
    byThread.values().remove(address);
  }

  /** The address of the message verticle on the calling thread, else the shared one. */
  public String forThisThread() {
    return byThread.getOrDefault(Thread.currentThread(), Addresses.HISTORY);
  }
}
