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
    for (boolean onlyAttachments : new boolean[] {false, true}) {
      String sql = DeadSimpleChatReader.statement(onlyAttachments, 0);
      for (Plans.Plan plan : Plans.explain(sql, Tuple.of(big.roomPk, 0L, 50L))) {
        Plans.assertBoundedIndexRangeScan(plan, 200);
      }
    }
  }

  @Test
  void aDeepSkipCostsTheSkipAndNoMore() {
    BigRoom big = BigRoom.get();
    for (boolean onlyAttachments : new boolean[] {false, true}) {
      String sql = DeadSimpleChatReader.statement(onlyAttachments, 5_000);
      for (Plans.Plan plan : Plans.explain(sql, Tuple.of(big.roomPk, 5_000L, 50L))) {
        Plans.assertBoundedIndexRangeScan(plan, 5_000 + 200);
      }
    }
  }
}
