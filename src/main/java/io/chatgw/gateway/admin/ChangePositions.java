package io.chatgw.gateway.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Hands out the change positions of an import transaction (V009), last thing before its COMMIT.
 * The writer marks every message it inserts or changes with the transaction's own negative marker
 * {@code change_pos_pending()} (never committed; found by index); here,
 * under a transaction-level advisory lock, the marked rows take the next positions of the
 * store-wide sequence, in timeline order ({@code created_at}, then insertion order {@code seq}:
 * the order the native pages show), and their rooms' {@code last_change_pos} follows. The lock is released only
 * after the commit is visible, so transactions take positions in commit order and a reader that
 * has seen position P never later sees a new one at or below it — however long a transaction ran
 * before it got here. The rooms are locked first, outside the advisory lock, so that its holder
 * never waits for a row another import holds (no deadlock between two imports).
 */
final class ChangePositions {

  /** The advisory lock key of the position hand-out ("change"); Migrations uses another. */
  static final long LOCK_KEY = 0x6368616e6765L;

  static final String LOCK_ROOMS = """
      SELECT 1 FROM room WHERE pk IN (SELECT room_pk FROM message WHERE change_pos = (SELECT change_pos_pending()))
      ORDER BY pk FOR NO KEY UPDATE""";
  static final String LOCK = "SELECT pg_advisory_xact_lock($1)";
  static final String ASSIGN = """
      WITH numbered AS (
        SELECT seq, nextval('change_pos_seq') AS pos
          FROM (SELECT seq FROM message WHERE change_pos = (SELECT change_pos_pending())
                 ORDER BY created_at, seq) timeline),
      changed AS (
        UPDATE message m SET change_pos = n.pos FROM numbered n WHERE m.seq = n.seq
        RETURNING m.room_pk, m.change_pos)
      UPDATE room r SET last_change_pos = c.pos
        FROM (SELECT room_pk, max(change_pos) AS pos FROM changed GROUP BY room_pk) c
       WHERE r.pk = c.room_pk""";

  private ChangePositions() {}

  /** Call once per transaction that wrote messages, after its last write and before COMMIT. */
  static Future<Void> assign(SqlConnection transaction) {
    return transaction.preparedQuery(LOCK_ROOMS).execute()
        .compose(v -> transaction.preparedQuery(LOCK).execute(Tuple.of(LOCK_KEY)))
        .compose(v -> transaction.preparedQuery(ASSIGN).execute())
        .mapEmpty();
  }
}
