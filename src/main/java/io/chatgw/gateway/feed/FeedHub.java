package io.chatgw.gateway.feed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's fan-out: which subscription waits for which room, and one tail read per tenant
 * at a time. A message notice of a tenant reads that tenant's subscribed rooms after the last
 * position it delivered (one read in flight; notices that arrive meanwhile run it once more),
 * renders each change once and hands it to every subscription of its room. A subscription that
 * resumes catches up on its own, page by page at its client's pace, then joins the tenant's read,
 * which re-reads from its position so that no change falls between the two (docs/feed.md,
 * "Ordering"). All state is confined to the hub's own context; sinks are written on theirs.
 */
public final class FeedHub {

  private static final Logger log = LoggerFactory.getLogger(FeedHub.class);
  private static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final FeedStore store;
  private final int pageRows;
  private final Map<String, TenantFeed> tenants = new HashMap<>();
  /** Every subscription joined and not left, catching up or live. */
  private final Set<Subscription> open = new LinkedHashSet<>();
  private final AtomicLong delivered = new AtomicLong();
  private final HeadReads heads;

  FeedHub(Vertx vertx, FeedStore store, int pageRows) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.pageRows = pageRows;
    this.heads = new HeadReads(context, store::head);
  }

  /** The subscriptions of one tenant on this instance, and its tail read. */
  private static final class TenantFeed {
    final String tenantId;
    final Map<Long, List<Subscription>> byRoom = new HashMap<>();
    final List<Subscription> joining = new ArrayList<>();
    long position = -1;
    boolean reading;
    boolean again;
    boolean retrying;

    TenantFeed(String tenantId) {
      this.tenantId = tenantId;
    }

    boolean idle() {
      return byRoom.isEmpty() && joining.isEmpty();
    }

    long[] rooms() {
      return byRoom.keySet().stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** Message notices of these tenants (from the change listener, any thread). */
  public void noticed(Set<String> tenantIds) {
    context.runOnContext(v -> {
      for (String id : tenantIds) {
        TenantFeed feed = tenants.get(id);
        if (feed != null) {
          read(feed);
        }
      }
    });
  }

  /** Notices may have been missed (the listener (re)started listening): every tenant reads again. */
  public void readAll() {
    context.runOnContext(v -> List.copyOf(tenants.values()).forEach(this::read));
  }

  /** Changes handed to sinks so far (after hides), for the metrics. */
  public long delivered() {
    return delivered.get();
  }

  /** Where a subscription without a cursor starts: the newest position committed when it asked. */
  Future<Long> head() {
    return heads.next();
  }

  /** Starts a subscription: catches up from its position, then goes live. Any thread. */
  void join(Subscription subscription) {
    context.runOnContext(v -> {
      if (!subscription.closed) {
        open.add(subscription);
      }
      catchUp(subscription);
    });
  }

  /** The open subscriptions of these tenants (of all, for null), as they are on the hub's context. Any thread. */
  Future<List<Subscription>> subscriptions(Set<String> tenantIds) {
    Promise<List<Subscription>> found = Promise.promise();
    context.runOnContext(v -> found.complete(open.stream()
        .filter(s -> tenantIds == null || tenantIds.contains(s.tenantId)).toList()));
    return found.future();
  }

  /** Ends a subscription (its client left, was dropped, or unsubscribed). Any thread. */
  void leave(Subscription subscription) {
    context.runOnContext(v -> {
      subscription.closed = true;
      open.remove(subscription);
      TenantFeed feed = tenants.get(subscription.tenantId);
      if (feed == null) {
        return;
      }
      feed.joining.remove(subscription);
      for (long room : subscription.roomPks) {
        List<Subscription> list = feed.byRoom.get(room);
        if (list != null && list.remove(subscription) && list.isEmpty()) {
          feed.byRoom.remove(room);
        }
      }
      if (feed.idle() && !feed.reading) {
        tenants.remove(feed.tenantId);
      }
    });
  }

  private void catchUp(Subscription s) {
    if (s.closed) {
      return;
    }
    store.after(s.position, s.roomPks, pageRows).onComplete(ar -> {
      if (s.closed) {
        return;
      }
      if (ar.failed()) {
        log.debug("Feed catch-up read failed ({}); retrying", ar.cause().toString());
        vertx.setTimer(RETRY_MILLIS, t -> catchUp(s));
        return;
      }
      List<FeedEvent> events = ar.result();
      List<FeedEvent> visible = advance(s, events);
      if (!visible.isEmpty()) {
        delivered.addAndGet(visible.size());
        s.sink.context().runOnContext(v -> s.sink.catchUp(visible));
      }
      if (events.size() == pageRows) {
        s.sink.context().runOnContext(v -> s.sink.drained().onComplete(d -> {
          if (d.succeeded()) {
            context.runOnContext(x -> catchUp(s));
          }
        }));
      } else {
        TenantFeed feed = tenants.computeIfAbsent(s.tenantId, TenantFeed::new);
        feed.joining.add(s);
        read(feed);
      }
    });
  }

  /** The events after the subscription's position, which moves past them; those hidden from its user left out. */
  private static List<FeedEvent> advance(Subscription s, List<FeedEvent> events) {
    List<FeedEvent> visible = new ArrayList<>(events.size());
    for (FeedEvent event : events) {
      if (event.position() > s.position) {
        s.position = event.position();
        if (!event.hiddenFrom(s.userPk)) {
          visible.add(event);
        }
      }
    }
    return visible;
  }

  private void read(TenantFeed feed) {
    if (feed.reading || feed.retrying) {
      feed.again = true;
      return;
    }
    if (feed.idle()) {
      tenants.remove(feed.tenantId);
      return;
    }
    feed.reading = true;
    feed.again = false;
    long from = feed.position;
    for (Subscription s : feed.joining) {
      if (s.closed) {
        continue;
      }
      from = from < 0 ? s.position : Math.min(from, s.position);
      for (long room : s.roomPks) {
        feed.byRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(s);
      }
    }
    feed.joining.clear();
    feed.position = from;
    store.after(from, feed.rooms(), pageRows).onComplete(ar -> {
      feed.reading = false;
      if (ar.failed()) {
        log.debug("Feed tail read of tenant {} failed ({}); retrying", feed.tenantId, ar.cause().toString());
        feed.retrying = true;
        vertx.setTimer(RETRY_MILLIS, t -> {
          feed.retrying = false;
          read(feed);
        });
        return;
      }
      List<FeedEvent> events = ar.result();
      dispatch(feed, events);
      if (!events.isEmpty()) {
        feed.position = Math.max(feed.position, events.get(events.size() - 1).position());
      }
      if (events.size() == pageRows || feed.again || !feed.joining.isEmpty() || feed.idle()) {
        read(feed);
      }
    });
  }

  /** Each subscription gets the events of its rooms it has not had yet, in one task on its sink's context. */
  private void dispatch(TenantFeed feed, List<FeedEvent> events) {
    Map<Subscription, List<FeedEvent>> batches = new LinkedHashMap<>();
    for (FeedEvent event : events) {
      List<Subscription> subscribers = feed.byRoom.get(event.roomPk());
      if (subscribers == null) {
        continue;
      }
      for (Subscription s : subscribers) {
        if (event.position() > s.position) {
          s.position = event.position();
          if (!event.hiddenFrom(s.userPk)) {
            batches.computeIfAbsent(s, k -> new ArrayList<>(2)).add(event);
          }
        }
      }
    }
    batches.forEach((s, batch) -> {
      delivered.addAndGet(batch.size());
      s.sink.context().runOnContext(v -> s.sink.live(batch));
    });
  }
}
