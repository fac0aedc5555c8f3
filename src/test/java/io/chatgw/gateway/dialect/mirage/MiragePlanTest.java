package io.chatgw.gateway.dialect.mirage;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chatgw.gateway.support.BigRoom;
import io.chatgw.gateway.support.Plans;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * model.md: Mirage reads are bounded index range scans, whatever the size of the room, and the rows
 * come out in the index's order (the statement has no outer sort: see MirageReader.SELECT_PAGE).
 */
class MiragePlanTest {

  static final OffsetDateTime LONG_AGO = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void theCappedReadStartsAtTheTenantsCutoffOnTheRoomIndex() {
    BigRoom big = BigRoom.get();
    // the cut-off of a cap of 100: the tenant's 100th newest live message
    io.vertx.sqlclient.Row cutoff = io.chatgw.gateway.support.TestGateway.shared().sql().preparedQuery("""
        SELECT created_at, seq FROM message WHERE tenant_id = $1 AND NOT deleted
         ORDER BY created_at DESC, seq DESC OFFSET 99 LIMIT 1""").execute(Tuple.of(big.tenant)).await()
        .iterator().next();
    Tuple args = Tuple.of(big.roomPk, LONG_AGO, cutoff.getOffsetDateTime(0), cutoff.getLong(1));
    for (Plans.Plan plan : Plans.explain(MirageReader.SELECT_PAGE, args)) {
      Plans.assertBoundedIndexRangeScan(plan, 200);
      assertFalse(plan.sortsMessages(), "the rows come in the index's order (" + plan.mode() + "):\n" + plan.text());
    }
  }

  @Test
  void theUncappedReadIsBoundedByTheExpiryOnTheRoomIndex() {
    BigRoom big = BigRoom.get();
    // the big room's newest messages are 2026-01-01 + 66,666 s; a 60 s window holds 180 of them
    OffsetDateTime since = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(66_666 - 60);
    Tuple args = Tuple.of(big.roomPk, since, LONG_AGO, 0L);
    for (Plans.Plan plan : Plans.explain(MirageReader.SELECT_PAGE, args)) {
      Plans.assertBoundedIndexRangeScan(plan, 400);
      assertFalse(plan.sortsMessages(), "the rows come in the index's order (" + plan.mode() + "):\n" + plan.text());
    }
  }
}
