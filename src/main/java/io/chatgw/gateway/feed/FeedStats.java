package io.chatgw.gateway.feed;

import java.util.concurrent.atomic.AtomicLong;

/** What /metrics shows of the feed beyond the open subscribers: slow clients dropped. */
final class FeedStats {

  private final AtomicLong slowDrops = new AtomicLong();

  void slowDropped() {
    slowDrops.incrementAndGet();
  }

  long slowDrops() {
    return slowDrops.get();
  }
}
