package io.chatgw.gateway.dialect;

/**
 * The statement of an offset page of a room's live messages, newest first (DeadSimpleChat
 * {@code skip}, Allmine {@code page}): $1 the room's key, $2 the offset, $3 the limit. It reads the
 * room's counter of what the filter keeps (column 0: it changes with every import, so it is read,
 * not cached) and, lateral-joined, the page's message rows {@code m} with what the dialect adds to
 * each (correlated subqueries gated by the message's flag, never a join: see {@link #statement}); a
 * room without messages is one row, its message columns null. The scan is a range of the
 * partial index whose predicate the filter repeats
 * (message_room_live_created, message_room_live_attachments), and it does not start at all when
 * the offset is past the room's counter of what the filter keeps (a one-time filter on {@code r}).
 *
 * <p>Up to {@link #SHORT_OFFSET} the page is read off the index heap and all; past it the offset
 * is stepped over index-only and just the page's rows are fetched by seq, so that a skip of
 * 100,000 reads 100,000 index entries and 50 rows (what live_page(), V005, did inside plpgsql; the
 * two forms as two statements cost 0.40 instead of 0.48 ms for a newest page of 50).
 */
public final class LivePages {

  /** The largest offset read in the short form. */
  public static final long SHORT_OFFSET = 200;

  /** Which live messages a page holds, and the room counter that counts them. */
  public enum Filter {
    ALL("count_live", ""),
    ATTACHMENTS("count_live_attachments", " AND %s.att_url IS NOT NULL");

    private final String counter;
    private final String predicate;

    Filter(String counter, String predicate) {
      this.counter = counter;
      this.predicate = predicate;
    }

    private String counter() {
      return "r." + counter;
    }

    private String on(String alias) {
      return "$2 < r." + counter + " AND " + alias + ".room_pk = $1 AND NOT " + alias + ".deleted"
          + predicate.formatted(alias);
    }
  }

  private LivePages() {}

  /**
   * The room's {@code last_change_pos} in the page's snapshot, on every row (the room's own row
   * is always there): the conditional read's tag ({@code ConditionalRead.read}).
   */
  public static final int POSITION = 1;
  /** The page's order: created_at here, seq after it. */
  public static final int CREATED = 2;
  /** The first column of the dialect's own: 0 is the counter, 1 the room's position, 2 and 3 the order (created_at, seq). */
  public static final int FIRST_COLUMN = 4;

  /**
   * The page's statement in the form that is cheapest at this offset: {@code columns} of the
   * message rows {@code m}, from {@link #FIRST_COLUMN}, newest first.
   *
   * <p>What a dialect adds to a row (likes, receipts) must be a correlated subquery in
   * {@code columns} gated by the message's flag ({@code CASE WHEN m.has_reactions THEN ARRAY(...)
   * END}), not a lateral join: an aggregating lateral join costs every row its subquery's set-up
   * even when its one-time filter keeps it from scanning, and it held the page's statement at about
   * 60 % of the rate of the same page without it (pgbench, generic plans, docs/performance.md).
   * Nor is there an outer sort: the room's row is the nested loop's one outer row, so the rows come
   * out in the lateral page's own order (the plan tests check that no Sort sits above it). In the
   * short form the scan computes the columns of the rows its offset steps over too, so a flagged
   * message among the first {@link #SHORT_OFFSET} costs its lookups once more: bounded, and cheaper
   * than a subquery between the scan and the columns.
   */
  public static String statement(Filter filter, boolean deep, String columns) {
    return """
        SELECT %s, r.last_change_pos, p.*
          FROM room r
          LEFT JOIN LATERAL (
            SELECT m.created_at, m.seq, %s
              %s) p ON true
         WHERE r.pk = $1""".formatted(filter.counter(), columns, rows(filter, deep));
  }

  /** The page's rows, as {@code m}, in the page's order. */
  private static String rows(Filter filter, boolean deep) {
    // deep: each of the page's seqs fetches its row by primary key, in a nested loop over the
    // seqs (OFFSET 0 keeps PostgreSQL from flattening the lateral into a join it may hash: it
    // did, with a scan of all of message, for a custom plan of an offset past the end)
    return deep ? """
        FROM (SELECT k.seq FROM message k
               WHERE %s
               ORDER BY k.created_at DESC, k.seq DESC OFFSET $2 LIMIT $3) k
        CROSS JOIN LATERAL (SELECT * FROM message m WHERE m.seq = k.seq OFFSET 0) m""".formatted(filter.on("k"))
        : """
        FROM message m
       WHERE %s
       ORDER BY m.created_at DESC, m.seq DESC OFFSET $2 LIMIT $3""".formatted(filter.on("m"));
  }

  /** Whether a page at this offset is read in the long-skip form. */
  public static boolean deep(long offset) {
    return offset > SHORT_OFFSET;
  }
}
