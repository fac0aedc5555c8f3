package io.chatgw.gateway.dialect;

import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.store.ReadPools;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms' change positions for {@code If-None-Match} polls, many rooms to a statement. On each
 * event loop at most one {@link #POSITIONS} statement is in flight; the polls that arrive while it
 * runs wait for the next one, which then asks for all of their rooms at once (at most
 * {@link #MAX_ROOMS}; the rest wait for the one after). A poll never joins a statement that was
 * sent before it arrived, so its answer is read after every import that returned before the poll
 * was sent: a 304 is never stale. With one poll at a time it costs what one probe does; under a
 * poll storm PostgreSQL answers one statement per round trip instead of one per poll.
 *
 * <p>The polls waiting on one event loop are bounded by {@code maxWaiting} (the pool's
 * {@code database.maxWaitQueueSize}, the bound every other statement waits under): past it a poll
 * fails at once as unavailable (a 503), as when the pool's queue is full. A statement that fails
 * fails the polls it was sent for; the next one is sent all the same. Off an event loop (a test's
 * thread) each call is its own statement.
 */
public final class RoomPositions {

  /** The rooms' newest change positions (V009); a room that is gone has no row. */
  static final String POSITIONS = "SELECT pk, last_change_pos FROM room WHERE pk = ANY($1)";

  /** The most rooms one statement asks for. */
  static final int MAX_ROOMS = 256;

  private final ReadPools reads;
  private final int maxWaiting;

  public RoomPositions(ReadPools reads, int maxWaiting) {
    this.reads = reads;
    this.maxWaiting = maxWaiting;
  }

  /** {@code roomPk}'s change position read after this call, or null when the room is gone. */
  public Future<Long> of(long roomPk) {
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext()) {
      return read(List.of(roomPk)).map(positions -> positions.get(roomPk));
    }
    Batch batch = context.get(this);
    if (batch == null) {
      batch = new Batch();
      context.put(this, batch);
    }
    return batch.add(roomPk);
  }

  private Future<Map<Long, Long>> read(List<Long> rooms) {
    Long[] pks = rooms.toArray(new Long[0]);
    return reads.read(client -> client.preparedQuery(POSITIONS).execute(Tuple.of(pks))).map(RoomPositions::byRoom);
  }

  private static Map<Long, Long> byRoom(RowSet<Row> rows) {
    Map<Long, Long> positions = new HashMap<>(rows.size() * 2);
    for (Row row : rows) {
      positions.put(row.getLong(0), row.getLong(1));
    }
    return positions;
  }

  /** One event loop's polls: touched only on its thread. */
  private final class Batch {
    private final LinkedHashMap<Long, List<Promise<Long>>> waiting = new LinkedHashMap<>();
    private int waitingPolls;
    private boolean inFlight;

    Future<Long> add(long roomPk) {
      if (waitingPolls >= maxWaiting) {
        return Future.failedFuture(GatewayError.unavailable());
      }
      waitingPolls++;
      Promise<Long> promise = Promise.promise();
      waiting.computeIfAbsent(roomPk, pk -> new ArrayList<>(1)).add(promise);
      if (!inFlight) {
        send();
      }
      return promise.future();
    }

    private void send() {
      if (waiting.isEmpty()) {
        inFlight = false;
        return;
      }
      inFlight = true;
      Map<Long, List<Promise<Long>>> sent = new HashMap<>();
      Iterator<Map.Entry<Long, List<Promise<Long>>>> it = waiting.entrySet().iterator();
      while (it.hasNext() && sent.size() < MAX_ROOMS) {
        Map.Entry<Long, List<Promise<Long>>> entry = it.next();
        sent.put(entry.getKey(), entry.getValue());
        waitingPolls -= entry.getValue().size();
        it.remove();
      }
      read(new ArrayList<>(sent.keySet())).onComplete(ar -> {
        try {
          sent.forEach((pk, promises) -> {
            for (Promise<Long> promise : promises) {
              if (ar.succeeded()) {
                promise.tryComplete(ar.result().get(pk));
              } else {
                promise.tryFail(ar.cause());
              }
            }
          });
        } finally {
          send();
        }
      });
    }
  }
}
