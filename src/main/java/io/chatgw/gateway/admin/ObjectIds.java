package io.chatgw.gateway.admin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** Message ids like a Mongo ObjectId: 24 lowercase hex digits, time-ordered. */
final class ObjectIds {

  private static final byte[] PROCESS = new byte[5];
  private static final AtomicInteger COUNTER;

  static {
    SecureRandom random = new SecureRandom();
    random.nextBytes(PROCESS);
    COUNTER = new AtomicInteger(random.nextInt(1 << 24));
  }

  private ObjectIds() {}

  static String next(long epochMillis) {
    byte[] id = new byte[12];
    int seconds = (int) (epochMillis / 1000);
    int count = COUNTER.getAndIncrement() & 0xFFFFFF;
    id[0] = (byte) (seconds >>> 24);
    id[1] = (byte) (seconds >>> 16);
    id[2] = (byte) (seconds >>> 8);
    id[3] = (byte) seconds;
    System.arraycopy(PROCESS, 0, id, 4, 5);
    id[9] = (byte) (count >>> 16);
    id[10] = (byte) (count >>> 8);
    id[11] = (byte) count;
    return HexFormat.of().formatHex(id);
  }
}
