package io.chatgw.gateway.dialect.allmine;

import io.chatgw.gateway.support.BigRoom;
import io.chatgw.gateway.support.Plans;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/** model.md: an Allmine page is an index range scan on the room; only the offset costs extra. */
class AllminePlanTest {

  @Test
  void theFirstPageOfA200000MessageRoomReadsOnlyThePage() {
    BigRoom big = BigRoom.get();
    Tuple args = Tuple.of(big.tenant, BigRoom.ROOM_ID, BigRoom.MEMBER, 0L, 20);
    for (Plans.Plan plan : Plans.explain(AllmineReader.SELECT_CHAT_PAGE, args)) {
      Plans.assertBoundedIndexRangeScan(plan, 100);
    }
  }

  @Test
  void aDeepPageCostsItsOffsetAndNoMore() {
    BigRoom big = BigRoom.get();
    Tuple args = Tuple.of(big.tenant, BigRoom.ROOM_ID, BigRoom.MEMBER, 10_000L, 20);
    for (Plans.Plan plan : Plans.explain(AllmineReader.SELECT_CHAT_PAGE, args)) {
      Plans.assertBoundedIndexRangeScan(plan, 10_000 + 100);
    }
  }
}
