package io.chatgw.gateway.dialect.meetinglawyers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.BigRoom;
import io.chatgw.gateway.support.Plans;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

/** model.md: on a 200,000-message room a pivot at the oldest end reads no more than the newest page. */
class MeetingLawyersBigRoomPlanTest {

  static final int LIMIT = 50;

  List<Plans.Plan> plans(String sql, String pivot) {
    BigRoom big = BigRoom.get();
    Tuple args = Tuple.of(big.roomPk, LIMIT);
    if (pivot != null) {
      args.addString(big.tenant).addString(pivot);
    }
    return Plans.explain(sql, args);
  }

  @Test
  void everyWindowIsABoundedRangeScanAndDepthCostsNothing() {
    BigRoom big = BigRoom.get();
    long newest = 0;
    for (Plans.Plan plan : plans(MeetingLawyersReader.SELECT_NEWEST, null)) {
      Plans.assertBoundedIndexRangeScan(plan, 4 * LIMIT);
      newest = Math.max(newest, plan.messageRowsRead());
    }
    for (Plans.Plan plan : plans(MeetingLawyersReader.SELECT_AFTER_PIVOT, big.oldestId)) {
      Plans.assertBoundedIndexRangeScan(plan, 4 * LIMIT);
      assertTrue(plan.messageRowsRead() <= newest + 2, "oldest end " + plan.messageRowsRead() + " vs newest " + newest);
    }
    for (Plans.Plan plan : plans(MeetingLawyersReader.SELECT_BEFORE_PIVOT, big.nearOldestId)) {
      Plans.assertBoundedIndexRangeScan(plan, 4 * LIMIT);
      assertTrue(plan.messageRowsRead() <= newest + 2, "oldest end " + plan.messageRowsRead() + " vs newest " + newest);
    }
  }
}
