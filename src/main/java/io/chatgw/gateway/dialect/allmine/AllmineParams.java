package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.bus.HistoryParams;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.http.QueryParams;
import io.chatgw.gateway.http.StrictNumbers;
import java.util.ArrayList;
import java.util.List;

/** A validated Allmine request: the chat (room id) and the page window. */
record AllmineParams(String chatId, long page, int limit) implements HistoryParams {

  static final long DEFAULT_PAGE = 1;
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final String BAD_PAGE = "page must be between 1 and " + Long.MAX_VALUE;
  static final String BAD_LIMIT = "limit must be between 1 and " + MAX_LIMIT;

  /**
   * Reads {@code page} and {@code limit} (last occurrence wins); a value that is present but not a
   * base-10 integer in range, empty included, fails with 400 and one detail line per bad parameter.
   */
  static AllmineParams of(String chatId, QueryParams query) {
    List<String> problems = new ArrayList<>(2);
    long page = DEFAULT_PAGE;
    if (query.has("page")) {
      page = StrictNumbers.parseInRange(query.last("page"), 1, Long.MAX_VALUE);
      if (page == StrictNumbers.INVALID) {
        problems.add(BAD_PAGE);
      }
    }
    long limit = DEFAULT_LIMIT;
    if (query.has("limit")) {
      limit = StrictNumbers.parseInRange(query.last("limit"), 1, MAX_LIMIT);
      if (limit == StrictNumbers.INVALID) {
        problems.add(BAD_LIMIT);
      }
    }
    if (!problems.isEmpty()) {
      throw GatewayError.of(AllmineErrors.VALIDATION, problems.toArray(String[]::new));
    }
    return new AllmineParams(chatId, page, (int) limit);
  }
}
