package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.BigRoom;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.Plans;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** model.md: an Allmine page is an index range scan on the room; only the offset costs extra. */
class AllminePlanTest {

  @Test
  void theFirstPageOfA200000MessageRoomReadsOnlyThePage() {
    BigRoom big = BigRoom.get();
    Tuple args = Tuple.of(big.roomPk, 0L, 20L);
    for (Plans.Plan plan : Plans.explain(AllmineReader.statement(0), args)) {
      Plans.assertBoundedIndexRangeScan(plan, 100);
    }
  }

  @Test
  void aDeepPageCostsItsOffsetAndNoMore() {
    BigRoom big = BigRoom.get();
    Tuple args = Tuple.of(big.roomPk, 10_000L, 20L);
    for (Plans.Plan plan : Plans.explain(AllmineReader.statement(10_000), args)) {
      Plans.assertBoundedIndexRangeScan(plan, 10_000 + 100);
    }
  }

  /** {@code offset < count_live} is checked before the scan starts: a page past the end costs nothing. */
  @Test
  void aPagePastTheEndReadsNoMessageRow() {
    BigRoom big = BigRoom.get();
    Tuple args = Tuple.of(big.roomPk, (long) BigRoom.MESSAGES, 100L);
    for (Plans.Plan plan : Plans.explain(AllmineReader.statement(BigRoom.MESSAGES), args)) {
      assertEquals(0, plan.messageRowsRead(), plan.text());
    }
  }

  /**
   * Only the page's messages flagged has_receipts probe read_receipt (once for the readers, once
   * for the times); the others cost nothing. And the page's rows are not sorted: they come out in
   * their index's order.
   */
  @Test
  void readReceiptsAreLookedUpOnlyForTheFlaggedMessages() {
    Docs data = Docs.newTenant("allmine-plan").user("u", "u").user("v", "v").room("r", 1, "u", "v");
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 60; i++) {
      JsonObject message = new JsonObject().put("id", "m" + i).put("room", "r").put("sender", "u")
          .put("createdAt", base.plusSeconds(i).toString());
      if (i % 5 == 0) {
        message.put("readBy", new JsonArray().add(new JsonObject().put("user", "v").put("readAt", base.toString())));
      }
      data.message(message);
    }
    try (Http http = new Http(TestGateway.shared().port())) {
      new Admin(http).load(data.json());
    }
    long roomPk = TestGateway.shared().sql().preparedQuery("SELECT pk FROM room WHERE tenant_id = $1")
        .execute(Tuple.of(data.tenant())).await().iterator().next().getLong(0);
    for (Plans.Plan plan : Plans.explain(AllmineReader.statement(0), Tuple.of(roomPk, 0L, 20L))) {
      assertEquals(List.of(4L, 4L), plan.loopsOver("read_receipt"), plan.text());
      assertFalse(plan.sortsMessages(), plan.text());
    }
  }
}
