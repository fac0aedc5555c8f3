package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.BigRoom;
import io.chatgw.gateway.support.Plans;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * model.md: on a 200,000-message room every IMKit window, for each timeRangeField, is a bounded
 * range scan, and beforeMessage near the oldest message reads no more than the newest page.
 */
class ImkitBigRoomPlanTest {

  static final int LIMIT = 20;

  List<Plans.Plan> plans(TimeRangeField field, String afterMessage, String beforeMessage) {
    BigRoom big = BigRoom.get();
    ImkitParams params = new ImkitParams(BigRoom.ROOM_ID, field, LIMIT, null, afterMessage, beforeMessage);
    return Plans.explain(ImkitReader.statement(params),
        PagePlans.arguments(big.tenant, BigRoom.ROOM_ID, BigRoom.MEMBER, params));
  }

  @Test
  void deepWindowsReadNoMoreThanTheNewestPage() {
    BigRoom big = BigRoom.get();
    for (TimeRangeField field : TimeRangeField.values()) {
      long newest = 0;
      for (Plans.Plan plan : plans(field, null, null)) {
        Plans.assertBoundedIndexRangeScan(plan, 10 * LIMIT);
        newest = Math.max(newest, plan.messageRowsRead());
      }
      for (Plans.Plan plan : plans(field, null, big.nearOldestId)) {
        Plans.assertBoundedIndexRangeScan(plan, 10 * LIMIT);
        assertTrue(plan.messageRowsRead() <= newest + 2, field + ": " + plan.messageRowsRead() + " vs " + newest);
      }
      for (Plans.Plan plan : plans(field, big.oldestId, null)) {
        Plans.assertBoundedIndexRangeScan(plan, 10 * LIMIT);
        assertTrue(plan.messageRowsRead() <= newest + 2, field + ": " + plan.messageRowsRead() + " vs " + newest);
      }
    }
  }
}
