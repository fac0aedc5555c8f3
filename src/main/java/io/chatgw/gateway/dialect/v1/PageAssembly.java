package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.dialect.v1.V1Params.Anchor;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts the rows of a {@link PageStatements} statement into the page (oldest first) and chooses its
 * {@code prev} and {@code next} cursors: null exactly when nothing is older (newer) than the page.
 * {@code prev} holds the first message's keyset; {@code next} the last one's and the horizon up to
 * which this answer saw the room, so that reading {@code after} it also returns what was committed
 * later at an older place (see {@link PageStatements#AFTER}).
 */
record PageAssembly(List<Row> messages, String prev, String next, long horizon) {

  private static final int AT = PageStatements.MESSAGE;
  private static final Comparator<Row> KEYSET = Comparator
      .comparing((Row r) -> r.getOffsetDateTime(AT + MessageRows.CREATED))
      .thenComparingLong(r -> r.getLong(AT + MessageRows.SEQ));
  private static final Comparator<Row> POSITION = Comparator.comparingLong(r -> r.getLong(AT + MessageRows.CHANGE_POS));

  static PageAssembly of(V1Params params, Cursors.Page anchor, long roomPk, List<Row> rows) {
    long horizon = rows.get(0).getLong(PageStatements.HORIZON);
    boolean flag = rows.get(0).getBoolean(PageStatements.FLAG);
    List<Row> older = part(rows, 0);
    List<Row> newer = part(rows, 1);
    int limit = params.limit();
    Builder page = new Builder(roomPk, horizon);
    switch (params.anchor()) {
      case NEWEST -> {
        newer.sort(KEYSET.reversed());
        page.take(newer, limit).prevIf(newer.size() > limit, null);
      }
      case BEFORE -> {
        newer.sort(KEYSET.reversed());
        page.take(newer, limit).prevIf(newer.size() > limit, null).nextIf(flag, anchor);
      }
      case AROUND -> {
        int before = limit / 2;
        older.sort(KEYSET.reversed());
        newer.sort(KEYSET);
        page.take(older, before).take(newer, limit - before)
            .prevIf(older.size() > before, anchor).nextIf(newer.size() > limit - before, anchor);
      }
      case AFTER -> after(page, older, newer, limit, flag, anchor);
    }
    return page.build();
  }

  /**
   * Part 0 first, by change position: when more than a page of it changed after the horizon, the
   * page is the first of those and {@code next} keeps the anchor's keyset with the horizon moved
   * to the last one taken; else all of it and the first of part 1 after the anchor.
   */
  private static void after(Builder page, List<Row> changed, List<Row> newer, int limit, boolean olderExists,
      Cursors.Page anchor) {
    changed.sort(POSITION);
    newer.sort(KEYSET);
    page.prevIf(olderExists, anchor);
    if (changed.size() > limit) {
      page.take(changed, limit);
      page.next = Cursors.page(new Cursors.Page(anchor.roomPk(), anchor.createdAtMicros(), anchor.seq(),
          changed.get(limit - 1).getLong(AT + MessageRows.CHANGE_POS)));
      return;
    }
    int room = limit - changed.size();
    page.take(changed, changed.size()).take(newer, room);
    if (newer.size() > room) {
      // the place after which nothing is unseen: the last message taken after the anchor, else the
      // anchor itself (the changed ones taken are all at or before it)
      Row last = room == 0 ? null : newer.get(room - 1);
      page.next = last == null
          ? Cursors.page(new Cursors.Page(anchor.roomPk(), anchor.createdAtMicros(), anchor.seq(), page.horizon))
          : page.cursor(last, null);
    }
  }

  private static List<Row> part(List<Row> rows, int part) {
    List<Row> out = new ArrayList<>();
    for (Row row : rows) {
      if (row.getString(AT + MessageRows.ID) != null && row.getInteger(PageStatements.PART) == part) {
        out.add(row);
      }
    }
    return out;
  }

  private static final class Builder {
    final long roomPk;
    final long horizon;
    final List<Row> taken = new ArrayList<>();
    boolean prevWanted;
    Cursors.Page prevAnchor;
    boolean nextWanted;
    Cursors.Page nextAnchor;
    String next;

    Builder(long roomPk, long horizon) {
      this.roomPk = roomPk;
      this.horizon = horizon;
    }

    Builder take(List<Row> rows, int n) {
      taken.addAll(rows.subList(0, Math.min(n, rows.size())));
      return this;
    }

    /** {@code fallback}: the cursor's keyset when the page is empty. */
    Builder prevIf(boolean wanted, Cursors.Page fallback) {
      prevWanted = wanted;
      prevAnchor = fallback;
      return this;
    }

    Builder nextIf(boolean wanted, Cursors.Page fallback) {
      nextWanted = wanted;
      nextAnchor = fallback;
      return this;
    }

    PageAssembly build() {
      taken.sort(KEYSET);
      String prev = prevWanted ? cursor(taken.isEmpty() ? null : taken.get(0), prevAnchor) : null;
      String nextCursor = next != null ? next
          : nextWanted ? cursor(taken.isEmpty() ? null : taken.get(taken.size() - 1), nextAnchor) : null;
      return new PageAssembly(Collections.unmodifiableList(taken), prev, nextCursor, horizon);
    }

    private String cursor(Row row, Cursors.Page fallback) {
      if (row == null) {
        return fallback == null ? null
            : Cursors.page(new Cursors.Page(roomPk, fallback.createdAtMicros(), fallback.seq(), horizon));
      }
      return Cursors.page(new Cursors.Page(roomPk, Cursors.micros(row.getOffsetDateTime(AT + MessageRows.CREATED)),
          row.getLong(AT + MessageRows.SEQ), horizon));
    }
  }
}
