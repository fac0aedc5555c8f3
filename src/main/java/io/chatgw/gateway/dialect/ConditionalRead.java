package io.chatgw.gateway.dialect;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.function.Supplier;

/**
 * Conditional reads on every history route (issue 12). Started first thing in a reader (the
 * directory's generation is taken before any lookup the answer is rendered from); once the room
 * and the caller's right to read it are checked, a poll (a tag in {@code If-None-Match}) reads
 * the room's change position alone (a primary-key probe, batched with other polls by {@link
 * RoomPositions}): a match is a 304 with that tag and no page query. Else the page is read, and
 * its 200 is tagged with the room's position that the page's own statement read in its snapshot
 * ({@link Positioned}): exactly the rows', with no statement of its own for the tag and no
 * connection held across two statements.
 */
public final class ConditionalRead {

  private static final Buffer NO_BODY = Buffer.buffer(0);

  /**
   * A page whose statement read the room's {@code last_change_pos} in its own snapshot, with its
   * rows; {@code position} null when it could not (the answer is then sent untagged: an error, a
   * room gone). {@code untilMillis}: when the answer changes by itself (epoch ms, Mirage's expiry;
   * {@link ETags#NEVER} if it does not).
   */
  public record Positioned(HistoryReply reply, Long position, long untilMillis) {

    /** A page that does not change by itself. */
    public Positioned(HistoryReply reply, Long position) {
      this(reply, position, ETags.NEVER);
    }
  }

  private final StoreContext store;
  private final HistoryRequest request;
  private final long generation;
  private final String key;

  private ConditionalRead(StoreContext store, HistoryRequest request, long generation) {
    this.store = store;
    this.request = request;
    this.generation = generation;
    // what the answer depends on besides the store: the route, the caller (hides are per user), the parameters
    Principal caller = request.principal();
    this.key = request.dialect() + '\n' + caller.tenantId() + '\n' + caller.userId() + '\n' + request.params().key();
  }

  /** Call first in the reader; {@code withCutoff} when the answer depends on the tenant's Mirage cut-off too. */
  public static ConditionalRead start(StoreContext store, HistoryRequest request, boolean withCutoff) {
    String tenant = request.principal().tenantId();
    long generation = store.directory().generation(tenant);
    if (withCutoff) {
      generation = generation * 31 + store.directory().cutoffGeneration(tenant);
    }
    return new ConditionalRead(store, request, generation);
  }

  /**
   * The answer for {@code room}: a 304, or {@code page}'s answer, tagged when it is a 200. A poll
   * reads the position first, batched ({@link RoomPositions}); a match is a 304, else, and without
   * {@code If-None-Match}, the page is read and its 200 tagged with the position of its own
   * snapshot.
   */
  public Future<HistoryReply> read(Room room, Supplier<Future<Positioned>> page) {
    String ifNoneMatch = request.ifNoneMatch();
    if (ifNoneMatch != null && !ETags.isAny(ifNoneMatch)) {
      return store.positions().of(room.pk()).compose(p -> {
        String matching = p == null ? null
            : ETags.matching(ifNoneMatch, key, p, generation, store.clock().millis());
        return matching != null ? Future.succeededFuture(notModified(matching)) : positioned(page);
      });
    }
    Future<HistoryReply> answer = positioned(page);
    // "*" matches any answer, but a 304 carries the tag the 200 has (an untagged 200 stays a 200)
    return ifNoneMatch == null ? answer : answer.map(reply -> {
      String tag = reply.status() == 200 ? reply.headers().get(HttpHeaders.ETAG.toString()) : null;
      return tag != null ? notModified(tag) : reply;
    });
  }

  private Future<HistoryReply> positioned(Supplier<Future<Positioned>> page) {
    return page.get().map(p -> p.position() == null ? p.reply() : tagged(p));
  }

  private static HistoryReply notModified(String tag) {
    return new HistoryReply(304, NO_BODY, ResponseHeaders.of(HttpHeaders.ETAG, tag));
  }

  private HistoryReply tagged(Positioned page) {
    HistoryReply reply = page.reply();
    if (reply.status() != 200) {
      return reply;
    }
    String tag = ETags.of(key, page.position(), generation, page.untilMillis());
    return new HistoryReply(200, reply.body(), reply.headers().and(HttpHeaders.ETAG, tag));
  }
}
