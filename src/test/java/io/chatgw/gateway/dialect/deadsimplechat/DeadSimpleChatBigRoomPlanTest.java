package io.chatgw.gateway.dialect.deadsimplechat;

import io.chatgw.gateway.support.BigRoom;
import io.chatgw.gateway.support.Plans;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/** model.md: on a 200,000-message room a DeadSimpleChat page costs its skip plus its limit, no more. */
class DeadSimpleChatBigRoomPlanTest {

  @Test
  void theNewestPageReadsOnlyThePage() {
    BigRoom big = BigRoom.get();
    for (String sql : new String[] {DeadSimpleChatReader.SELECT_PAGE, DeadSimpleChatReader.SELECT_ATTACHMENT_PAGE}) {
      for (Plans.Plan plan : Plans.explain(sql, Tuple.of(big.tenant, BigRoom.ROOM_ID, 0L, 50L))) {
        Plans.assertBoundedIndexRangeScan(plan, 200);
      }
    }
  }

  @Test
  void aDeepSkipCostsTheSkipAndNoMore() {
    BigRoom big = BigRoom.get();
    for (String sql : new String[] {DeadSimpleChatReader.SELECT_PAGE, DeadSimpleChatReader.SELECT_ATTACHMENT_PAGE}) {
      for (Plans.Plan plan : Plans.explain(sql, Tuple.of(big.tenant, BigRoom.ROOM_ID, 5_000L, 50L))) {
        Plans.assertBoundedIndexRangeScan(plan, 5_000 + 200);
      }
    }
  }
}
