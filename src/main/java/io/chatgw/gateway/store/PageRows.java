package io.chatgw.gateway.store;

import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collector;

/**
 * Collects a page's rows as the driver decodes them, one at a time, counting an upper bound of
 * the heap they take; once past {@code maxBytes} it keeps no more rows and drops those it had, so
 * a page of many large messages never sits in memory whole. {@link #rows} then fails with a
 * {@link GatewayError} of the status the dialect gives such a page.
 */
public final class PageRows {

  /** What the collector holds while the rows arrive. */
  public static final class Accumulator {
    private final List<Row> rows = new ArrayList<>();
    private long bytes;
    private boolean tooLarge;
  }

  private final long maxBytes;
  private final int tooLargeStatus;

  /**
   * @param tooLargeStatus the status of a page over the limit (400 where the client can ask for
   *     fewer messages; 503 where it cannot)
   */
  public PageRows(long maxBytes, int tooLargeStatus) {
    this.maxBytes = maxBytes;
    this.tooLargeStatus = tooLargeStatus;
  }

  public Collector<Row, Accumulator, Accumulator> collector() {
    Supplier<Accumulator> supplier = Accumulator::new;
    BiConsumer<Accumulator, Row> accumulate = (acc, row) -> {
      if (acc.tooLarge) {
        return;
      }
      acc.bytes += estimate(row);
      if (acc.bytes > maxBytes) {
        acc.tooLarge = true;
        acc.rows.clear();
      } else {
        acc.rows.add(row);
      }
    };
    BinaryOperator<Accumulator> combine = (a, b) -> {
      throw new UnsupportedOperationException("rows arrive in order, on one connection");
    };
    return Collector.of(supplier, accumulate, combine, Function.identity());
  }

  /** The rows, in order; a {@link GatewayError} when the page was over the limit. */
  public List<Row> rows(Accumulator acc) {
    if (acc.tooLarge) {
      throw GatewayError.of(tooLargeStatus, "the page would be larger than " + maxBytes
          + " bytes: ask for fewer messages");
    }
    return Collections.unmodifiableList(acc.rows);
  }

  /** An upper bound of a decoded row's heap: strings as UTF-16, arrays element by element. */
  static long estimate(Row row) {
    long bytes = 32;
    for (int i = 0; i < row.size(); i++) {
      bytes += estimate(row.getValue(i));
    }
    return bytes;
  }

  private static long estimate(Object value) {
    if (value == null) {
      return 8;
    }
    if (value instanceof String s) {
      return 48 + 2L * s.length();
    }
    if (value instanceof Buffer b) {
      return 32 + b.length();
    }
    if (value instanceof Object[] array) {
      long bytes = 16 + 8L * array.length;
      for (Object element : array) {
        bytes += estimate(element);
      }
      return bytes;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Temporal) {
      return 24;
    }
    return 16 + 2L * value.toString().length(); // JSON values and anything else: by their text
  }
}
