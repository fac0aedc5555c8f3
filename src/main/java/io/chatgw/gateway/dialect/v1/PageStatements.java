package io.chatgw.gateway.dialect.v1;

/**
 * The history route's page statements, one per {@link V1Params.Anchor}. Each reads, in one
 * statement (one snapshot), the room's {@code last_change_pos} (the answer's horizon), a flag, a
 * part number and the message rows ({@link MessageRows} from column {@link #MESSAGE}), one row
 * with a null message id when there are none, no row when the room is gone. Every part is a range
 * scan of one index on the room: (room, created_at, seq) for the keyset parts, (room, change_pos)
 * for what changed after a cursor's horizon. Messages deleted, or hidden by the caller, are left
 * out. Parameters: $1 room key, $2 the caller's user key, $3 limit; then the anchor's.
 */
final class PageStatements {

  static final int HORIZON = 0;
  static final int FLAG = 1;
  static final int PART = 2;
  static final int MESSAGE = 3;

  private static final String VISIBLE = """
      NOT %1$s.deleted AND NOT (%1$s.has_hides AND EXISTS (
        SELECT 1 FROM hidden_message h WHERE h.message_seq = %1$s.seq AND h.user_pk = $2))""";

  private static String visible(String alias) {
    return VISIBLE.formatted(alias);
  }

  private static final String SELECT = "SELECT r.last_change_pos, %s, m.part, " + MessageRows.COLUMNS;
  private static final String FROM = """

        FROM room r
        LEFT JOIN (%s) m ON true
      """ + MessageRows.EXTRAS + """

       WHERE r.pk = $1""";

  /** No anchor: the newest limit + 1, newest first (the extra row says there is an older page). */
  static final String NEWEST = SELECT.formatted("false") + FROM.formatted("""
      SELECT 1 AS part, c.* FROM message c WHERE c.room_pk = $1 AND %s
       ORDER BY c.created_at DESC, c.seq DESC LIMIT $3 + 1""".formatted(visible("c")));

  /**
   * $4, $5 the anchor's keyset: the limit + 1 before it, newest first; the flag: whether any
   * message is at or after the anchor (the page has a next one).
   */
  static final String BEFORE = SELECT.formatted("""
      EXISTS (SELECT 1 FROM message n WHERE n.room_pk = $1 AND %s
               AND (n.created_at, n.seq) >= ($4::timestamptz, $5::bigint))""".formatted(visible("n")))
      + FROM.formatted("""
      SELECT 1 AS part, c.* FROM message c WHERE c.room_pk = $1 AND %s
         AND (c.created_at, c.seq) < ($4::timestamptz, $5::bigint)
       ORDER BY c.created_at DESC, c.seq DESC LIMIT $3 + 1""".formatted(visible("c")));

  /**
   * $4, $5 the anchor's keyset, $6 its horizon. Part 0: what is at or before the anchor but
   * changed after the horizon (committed late, or edited), the first limit + 1 by change
   * position; part 1: the first limit + 1 after the anchor. The flag: whether a message is older
   * than the page's first one (of the first limit of part 0 and the first of part 1; the anchor
   * when both are empty).
   */
  static final String AFTER = """
      WITH a AS (SELECT c.* FROM message c WHERE c.room_pk = $1 AND c.change_pos > $6::bigint
                    AND (c.created_at, c.seq) <= ($4::timestamptz, $5::bigint) AND %1$s
                  ORDER BY c.change_pos LIMIT $3 + 1),
           b AS (SELECT c.* FROM message c WHERE c.room_pk = $1 AND %1$s
                    AND (c.created_at, c.seq) > ($4::timestamptz, $5::bigint)
                  ORDER BY c.created_at, c.seq LIMIT $3 + 1),
           f AS (SELECT t.created_at, t.seq FROM (
                   (SELECT a.created_at, a.seq FROM a ORDER BY a.change_pos LIMIT $3)
                   UNION ALL (SELECT b.created_at, b.seq FROM b ORDER BY b.created_at, b.seq LIMIT 1)) t
                  ORDER BY t.created_at, t.seq LIMIT 1)
      """.formatted(visible("c"))
      + SELECT.formatted("""
      EXISTS (SELECT 1 FROM message o WHERE o.room_pk = $1 AND %s
               AND (o.created_at, o.seq) < (COALESCE((SELECT f.created_at FROM f), $4::timestamptz),
                                            COALESCE((SELECT f.seq FROM f), $5::bigint)))""".formatted(visible("o")))
      + FROM.formatted("SELECT 0 AS part, a.* FROM a UNION ALL SELECT 1 AS part, b.* FROM b");

  /**
   * $4, $5 the anchor's keyset, $6 how many of the page go before it: part 0, up to $6 + 1 before
   * it, newest first; part 1, up to the rest + 1 at or after it, oldest first.
   */
  static final String AROUND = SELECT.formatted("false") + FROM.formatted("""
      (SELECT 0 AS part, c.* FROM message c WHERE c.room_pk = $1 AND %1$s
          AND (c.created_at, c.seq) < ($4::timestamptz, $5::bigint)
        ORDER BY c.created_at DESC, c.seq DESC LIMIT $6::bigint + 1)
      UNION ALL
      (SELECT 1 AS part, c.* FROM message c WHERE c.room_pk = $1 AND %1$s
          AND (c.created_at, c.seq) >= ($4::timestamptz, $5::bigint)
        ORDER BY c.created_at, c.seq LIMIT $3 - $6::bigint + 1)""".formatted(visible("c")));

  /** A message of the room by id, deleted or not, as an anchor: its keyset and change position. */
  static final String ANCHOR = """
      SELECT created_at, seq, change_pos FROM message WHERE tenant_id = $1 AND id = $2 AND room_pk = $3""";

  private PageStatements() {}
}
