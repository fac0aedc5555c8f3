package io.chatgw.gateway.dialect.mirage;

import io.chatgw.gateway.support.BigRoom;
import io.chatgw.gateway.support.Plans;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** model.md: Mirage reads are bounded index range scans, whatever the size of the room. */
class MiragePlanTest {

  static final OffsetDateTime LONG_AGO = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void theCappedReadTakesTheTenantsNewestRowsFromTheTenantIndex() {
    BigRoom big = BigRoom.get();
    Tuple args = Tuple.of(big.tenant, BigRoom.ROOM_NUMBER, BigRoom.MEMBER, LONG_AGO, 100);
    for (Plans.Plan plan : Plans.explain(MirageReader.SELECT_CAPPED_PAGE, args)) {
      Plans.assertBoundedIndexRangeScan(plan, 200);
    }
  }

  @Test
  void theUncappedReadIsBoundedByTheExpiryOnTheRoomIndex() {
    BigRoom big = BigRoom.get();
    // the big room's newest messages are 2026-01-01 + 66,666 s; a 60 s window holds 180 of them
    OffsetDateTime since = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(66_666 - 60);
    Tuple args = Tuple.of(big.tenant, BigRoom.ROOM_NUMBER, BigRoom.MEMBER, since);
    for (Plans.Plan plan : Plans.explain(MirageReader.SELECT_UNCAPPED_PAGE, args)) {
      Plans.assertBoundedIndexRangeScan(plan, 400);
    }
  }
}
