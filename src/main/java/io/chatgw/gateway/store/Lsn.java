package io.chatgw.gateway.store;

/** A PostgreSQL WAL position ({@code pg_lsn}, written {@code 16/B374D848}) as an unsigned 64-bit number. */
public final class Lsn {

  /** Below every position: what a replica that has not told its replay position yet has replayed. */
  public static final long NONE = -1;

  private Lsn() {}

  /** {@code "16/B374D848"} as {@code 0x16_B374D848}; {@link #NONE} for null (not in recovery, or no answer). */
  public static long parse(String text) {
    if (text == null) {
      return NONE;
    }
    int slash = text.indexOf('/');
    if (slash < 1 || slash == text.length() - 1) {
      throw new IllegalArgumentException("not a pg_lsn: " + text);
    }
    return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
  }
}
