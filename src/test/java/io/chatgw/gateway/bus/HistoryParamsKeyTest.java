package io.chatgw.gateway.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The parameters' key, which the conditional reads' tags are made from: equal exactly when the parameters are. */
class HistoryParamsKeyTest {

  record Page(String room, boolean attachmentsOnly, int limit, OffsetDateTime after) implements HistoryParams {}

  record Other(String room, boolean attachmentsOnly, int limit, OffsetDateTime after) implements HistoryParams {}

  @Test
  void equalParametersHaveOneKeyAndEveryComponentCounts() {
    OffsetDateTime t = OffsetDateTime.parse("2026-01-01T10:00:00.123456Z");
    Page page = new Page("r", false, 50, t);
    assertEquals(page.key(), new Page("r", false, 50, OffsetDateTime.parse("2026-01-01T10:00:00.123456Z")).key());
    assertNotEquals(page.key(), new Page("r2", false, 50, t).key());
    assertNotEquals(page.key(), new Page("r", true, 50, t).key());
    assertNotEquals(page.key(), new Page("r", false, 51, t).key());
    assertNotEquals(page.key(), new Page("r", false, 50, t.plusNanos(1000)).key());
    assertNotEquals(page.key(), new Page("r", false, 50, null).key());
    assertNotEquals(page.key(), new Other("r", false, 50, t).key(), "the record's type is part of it");
  }

  @Test
  void aSeparatorInsideAStringCannotMakeTwoParameterSetsAlike() {
    assertNotEquals(new Page("a 4:true", false, 50, null).key(), new Page("a", true, 50, null).key());
    assertNotEquals(new Page("1:a", false, 50, null).key(), new Page("", false, 50, null).key());
  }
}
