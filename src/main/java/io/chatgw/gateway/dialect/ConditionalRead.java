package io.chatgw.gateway.dialect;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Conditional reads on every history route (issue 12). Started first thing in a reader (the
 * directory's generation is taken before any lookup the answer is rendered from); once the room
 * and the caller's right to read it are checked, a poll (a tag in {@code If-None-Match}) reads
 * the room's change position alone (a primary-key probe, batched with other polls by {@link
 * RoomPositions}): a match is a 304 with that tag and no page query. Else the page is read and its
 * 200 tagged with a position never newer than its rows, in one of two ways:
 * {@link #readPositioned} when the page's own statement returns the room's position from its
 * snapshot (IMKit, DeadSimpleChat, Allmine, MeetingLawyers), else {@link #read} / {@link
 * #readExpiring}, which read it first on the page's connection (Mirage, the native route): an
 * import that commits in between only costs one more 200.
 */
public final class ConditionalRead {

  /** The room's newest change position (V009): moves with every change of its messages. */
  static final String STATE = "SELECT last_change_pos FROM room WHERE pk = $1";

  private static final Buffer NO_BODY = Buffer.buffer(0);

  /** A page whose answer changes by itself at {@code untilMillis} (epoch ms; {@link ETags#NEVER} if not). */
  public record Expiring(HistoryReply reply, long untilMillis) {}

  /**
   * A page whose statement read the room's {@code last_change_pos} in its own snapshot, with its
   * rows; {@code position} null when it could not (the answer is then sent untagged: an error, a
   * room gone).
   */
  public record Positioned(HistoryReply reply, Long position) {}

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

  /** The answer for {@code room}: a 304, or {@code page}'s answer, tagged when it is a 200. */
  public Future<HistoryReply> read(Room room, Function<StoreContext, Future<HistoryReply>> page) {
    return readExpiring(room, on -> page.apply(on).map(reply -> new Expiring(reply, ETags.NEVER)));
  }

  /**
   * Like {@link #read}, for a page that says when it expires. {@code page} is given the context
   * to run its statements on. Without {@code If-None-Match} they are sent on the same connection
   * right behind the position's read, pipelined (one round trip, and in that order: the position
   * is never newer than the rows). With one, the position is read first, batched with other polls
   * ({@link RoomPositions}); a match is a 304, else the page is read as without one.
   */
  public Future<HistoryReply> readExpiring(Room room, Function<StoreContext, Future<Expiring>> page) {
    String ifNoneMatch = request.ifNoneMatch();
    if (ifNoneMatch == null || ETags.isAny(ifNoneMatch)) {
      return pageOnOneConnection(room, page);
    }
    // a poll: the position alone decides, read with other polls' (RoomPositions); only when it does
    // not match is the page read, with the position once more in front of it on its connection, so
    // that the 200's tag is never newer than its rows (the first read may come from another server)
    return store.positions().of(room.pk()).compose(p -> {
      String matching = p == null ? null
          : ETags.matching(ifNoneMatch, key, p, generation, store.clock().millis());
      return matching != null ? Future.succeededFuture(notModified(matching)) : pageOnOneConnection(room, page);
    });
  }

  /**
   * Like {@link #read}, for a page whose own statement reads the room's position ({@link
   * Positioned}): no statement of its own for the tag, and no connection held across two. A poll
   * reads the position first, batched ({@link RoomPositions}); a match is a 304, else — and
   * without {@code If-None-Match} — the page runs on the pool and its 200 is tagged with the
   * position of its own snapshot, which is exactly the rows'.
   */
  public Future<HistoryReply> readPositioned(Room room, Function<StoreContext, Future<Positioned>> page) {
    String ifNoneMatch = request.ifNoneMatch();
    if (ifNoneMatch != null && !ETags.isAny(ifNoneMatch)) {
      return store.positions().of(room.pk()).compose(p -> {
        String matching = p == null ? null
            : ETags.matching(ifNoneMatch, key, p, generation, store.clock().millis());
        return matching != null ? Future.succeededFuture(notModified(matching)) : positioned(page);
      });
    }
    Future<HistoryReply> answer = positioned(page);
    // "*" matches any answer, but a 304 carries the tag the 200 has
    return ifNoneMatch == null ? answer : answer.map(reply -> reply.status() == 200
        ? notModified(reply.headers().get(HttpHeaders.ETAG.toString())) : reply);
  }

  private Future<HistoryReply> positioned(Function<StoreContext, Future<Positioned>> page) {
    return page.apply(store).map(p -> p.position() == null ? p.reply()
        : tagged(new Expiring(p.reply(), ETags.NEVER), p.position()));
  }

  private Future<HistoryReply> pageOnOneConnection(Room room, Function<StoreContext, Future<Expiring>> page) {
    // on a connection of the pool that serves this read (a replica past the fence, else the
    // primary), so the position and the rows come from one server, the position first; given back
    // by the page once its rows are read (StoreContext.on), else when the answer is complete
    return store.withReadConnection(conn -> answer(room, page, conn));
  }

  private Future<HistoryReply> answer(Room room, Function<StoreContext, Future<Expiring>> page, SqlConnection conn) {
    String ifNoneMatch = request.ifNoneMatch();
    StoreContext on = store.on(conn);
    // no deadline of its own: withReadConnection bounds the whole read, and it must see the raw
    // failure to read a lost replica's answer again on the primary
    Future<Long> position = conn.preparedQuery(STATE).execute(Tuple.of(room.pk()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    if (ifNoneMatch == null) {
      Future<Expiring> answer = page.apply(on);
      return position.compose(p -> answer.map(expiring -> p == null ? expiring.reply() : tagged(expiring, p)));
    }
    return position.compose(p -> {
      if (p == null) {
        return page.apply(on).map(Expiring::reply); // the room went away: the page says how
      }
      if (!ETags.isAny(ifNoneMatch)) {
        String matching = ETags.matching(ifNoneMatch, key, p, generation, store.clock().millis());
        if (matching != null) {
          return Future.succeededFuture(notModified(matching));
        }
      }
      // "*" matches any answer, but a 304 carries the tag the 200 would: that needs the page
      return page.apply(on).map(expiring -> tagged(expiring, p))
          .map(reply -> reply.status() == 200 && ETags.isAny(ifNoneMatch)
              ? notModified(reply.headers().get(HttpHeaders.ETAG.toString())) : reply);
    });
  }

  private static HistoryReply notModified(String tag) {
    return new HistoryReply(304, NO_BODY, ResponseHeaders.of(HttpHeaders.ETAG, tag));
  }

  private HistoryReply tagged(Expiring page, long position) {
    HistoryReply reply = page.reply();
    if (reply.status() != 200) {
      return reply;
    }
    String tag = ETags.of(key, position, generation, page.untilMillis());
    return new HistoryReply(200, reply.body(), reply.headers().and(HttpHeaders.ETAG, tag));
  }
}
