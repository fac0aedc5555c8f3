package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/** The plan checker itself: it must reject what the spec forbids, or the plan tests prove nothing. */
class PlansTest {

  @Test
  void aFullReadOfTheRoomIsRejected() {
    BigRoom big = BigRoom.get();
    String wholeRoomSorted = "SELECT id FROM message WHERE room_pk = $1 ORDER BY text LIMIT 10";
    for (Plans.Plan plan : Plans.explain(wholeRoomSorted, Tuple.of(big.roomPk))) {
      assertThrows(AssertionError.class, () -> Plans.assertBoundedIndexRangeScan(plan, 1000));
    }
  }

  @Test
  void aSequentialScanIsRejected() {
    String scan = "SELECT id FROM message WHERE text = $1";
    for (Plans.Plan plan : Plans.explain(scan, Tuple.of("nothing"))) {
      assertThrows(AssertionError.class, () -> Plans.assertBoundedIndexRangeScan(plan, 1_000_000_000));
    }
  }
}
