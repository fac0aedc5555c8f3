package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.bus.HistoryParams;
import io.chatgw.gateway.bus.PageSize;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.StrictNumbers;

/** A validated DeadSimpleChat request: the room id, the filter and the offset window applied. */
record DeadSimpleChatParams(String roomId, boolean onlyAttachments, int limit, long skip)
    implements HistoryParams, PageSize {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
  static final long MAX_SKIP = 10_000_000;

  static final String BAD_LIMIT = "limit must be an integer from 1 to " + MAX_LIMIT;
  static final String BAD_SKIP = "skip must be an integer from 0 to " + MAX_SKIP;
  static final String BAD_ONLY_ATTACHMENTS = "onlyAttachments must be true or false";

  /**
   * Checks the parameters in the order limit, skip, onlyAttachments; the first bad one fails with a
   * 400 naming it. Absent parameters take their defaults; present ones (even empty) must be valid.
   */
  static DeadSimpleChatParams parse(String roomId, DeadSimpleChatQuery query) {
    long limit = number(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, BAD_LIMIT);
    long skip = number(query, "skip", 0, MAX_SKIP, 0, BAD_SKIP);
    boolean onlyAttachments = flag(query, "onlyAttachments", BAD_ONLY_ATTACHMENTS);
    return new DeadSimpleChatParams(roomId, onlyAttachments, (int) limit, skip);
  }

  private static long number(DeadSimpleChatQuery query, String name, long min, long max, long absent,
      String problem) {
    if (!query.has(name)) {
      return absent;
    }
    long value = StrictNumbers.parseInRange(query.last(name), min, max);
    if (value == StrictNumbers.INVALID) {
      throw GatewayError.of(DeadSimpleChatErrors.BAD_PARAMETER, problem);
    }
    return value;
  }

  /** Exactly {@code true} or {@code false}, lower case, as the vendor documents it. */
  private static boolean flag(DeadSimpleChatQuery query, String name, String problem) {
    if (!query.has(name)) {
      return false;
    }
    String value = query.last(name);
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    throw GatewayError.of(DeadSimpleChatErrors.BAD_PARAMETER, problem);
  }
}
