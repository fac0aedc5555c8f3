package io.chatgw.gateway.dialect.allmine;

/** The page arithmetic of an Allmine answer: offsets, totals and the has-next/previous flags. */
record AllminePage(long page, int limit, long total) {

  /** Messages to skip from the newest; saturates instead of overflowing for huge pages. */
  static long offset(long page, int limit) {
    long before = page - 1;
    return before > Long.MAX_VALUE / limit ? Long.MAX_VALUE : before * limit;
  }

  /** ceil(total / limit); 0 for an empty chat. */
  long totalPages() {
    return total <= 0 ? 0 : (total - 1) / limit + 1;
  }

  boolean hasNextPage() {
    return page < totalPages();
  }

  boolean hasPreviousPage() {
    return page > 1;
  }
}
