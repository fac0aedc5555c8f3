package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.failure.GatewayError;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The gateway's opaque cursors: base64url (no padding) of a version byte, a kind byte, the
 * kind's numbers and a CRC-32 of them all. A page cursor names a room and a place in it; a feed
 * cursor a change position. Anything else (another kind, a wrong length, a flipped bit, a
 * foreign string) is {@code 400 invalid_parameter}, never a 500. The CRC catches corruption, not
 * malice: a crafted cursor can only name a place in a room the caller may read anyway (the
 * reader checks the room), so it learns nothing.
 */
public final class Cursors {

  static final byte VERSION = 1;
  static final byte PAGE = 'p';
  static final byte FEED = 'f';
  private static final int PAGE_BYTES = 2 + 4 * Long.BYTES + Integer.BYTES;
  private static final int FEED_BYTES = 2 + Long.BYTES + Integer.BYTES;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** The longest text a cursor encodes to: longer input is not one, and is not decoded. */
  static final int MAX_LENGTH = (PAGE_BYTES * 4 + 2) / 3;

  /**
   * A place in a room's history: the keyset (createdAt in µs since the epoch, seq) of a message
   * and the change position up to which the answer it came with had seen the room ({@code horizon}).
   */
  public record Page(long roomPk, long createdAtMicros, long seq, long horizon) {}

  private Cursors() {}

  /** A stored time as a cursor holds it: microseconds since the epoch, PostgreSQL's precision. */
  public static long micros(OffsetDateTime time) {
    Instant instant = time.toInstant();
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  public static OffsetDateTime time(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
        .atOffset(ZoneOffset.UTC);
  }

  public static String page(Page page) {
    ByteBuffer bytes = ByteBuffer.allocate(PAGE_BYTES).put(VERSION).put(PAGE)
        .putLong(page.roomPk()).putLong(page.createdAtMicros()).putLong(page.seq()).putLong(page.horizon());
    return seal(bytes);
  }

  /** A feed cursor: the live feed's events after change position {@code position}. */
  public static String feed(long position) {
    return seal(ByteBuffer.allocate(FEED_BYTES).put(VERSION).put(FEED).putLong(position));
  }

  /** The page cursor {@code text} holds, or null when it is not one (it may be a message id). */
  public static Page pageOrNull(String text) {
    ByteBuffer bytes = open(text, PAGE, PAGE_BYTES);
    if (bytes == null) {
      return null;
    }
    Page page = new Page(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
    return page.roomPk() > 0 && page.seq() >= 0 && page.horizon() >= 0 ? page : null;
  }

  /** The position of feed cursor {@code text}; fails with 400 naming {@code param} when it is not one. */
  public static long feed(String text, String param) {
    ByteBuffer bytes = open(text, FEED, FEED_BYTES);
    long position = bytes == null ? -1 : bytes.getLong();
    if (position < 0) {
      throw GatewayError.of(V1Errors.INVALID_PARAMETER, param + " is not a cursor of this gateway");
    }
    return position;
  }

  private static String seal(ByteBuffer bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes.array(), 0, bytes.position());
    bytes.putInt((int) crc.getValue());
    return ENCODER.encodeToString(bytes.array());
  }

  /** The numbers after version and kind, or null when {@code text} is no intact cursor of that kind. */
  private static ByteBuffer open(String text, byte kind, int length) {
    if (text == null || text.length() > MAX_LENGTH) {
      return null;
    }
    byte[] raw;
    try {
      raw = DECODER.decode(text);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    if (raw.length != length || raw[0] != VERSION || raw[1] != kind || !ENCODER.encodeToString(raw).equals(text)) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(raw, 0, length - Integer.BYTES);
    ByteBuffer bytes = ByteBuffer.wrap(raw);
    if (bytes.getInt(length - Integer.BYTES) != (int) crc.getValue()) {
      return null;
    }
    return bytes.position(2).limit(length - Integer.BYTES);
  }
}
