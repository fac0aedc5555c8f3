package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The page arithmetic on its own: ceil for totalPages, flags, and an offset that never overflows. */
class AllminePageTest {

  @Test
  void totalPagesIsTheCeilingOfTotalOverLimitAndZeroWhenEmpty() {
    assertEquals(0, new AllminePage(1, 20, 0).totalPages());
    assertEquals(1, new AllminePage(1, 20, 1).totalPages());
    assertEquals(1, new AllminePage(1, 20, 20).totalPages());
    assertEquals(2, new AllminePage(1, 20, 21).totalPages());
    assertEquals(7, new AllminePage(1, 20, 125).totalPages());
    assertEquals(Long.MAX_VALUE, new AllminePage(1, 1, Long.MAX_VALUE).totalPages());
    assertEquals(Long.MAX_VALUE / 100 + 1, new AllminePage(1, 100, Long.MAX_VALUE).totalPages());
  }

  @Test
  void nextAndPreviousFollowThePageNumber() {
    AllminePage seed = new AllminePage(1, 20, 125);
    assertTrue(seed.hasNextPage());
    assertFalse(seed.hasPreviousPage());
    assertFalse(new AllminePage(7, 20, 125).hasNextPage());
    assertTrue(new AllminePage(7, 20, 125).hasPreviousPage());
    assertFalse(new AllminePage(8, 20, 125).hasNextPage());
    assertFalse(new AllminePage(1, 20, 0).hasNextPage());
  }

  @Test
  void theOffsetCountsFromTheNewestAndSaturatesInsteadOfTurningNegative() {
    assertEquals(0, AllminePage.offset(1, 20));
    assertEquals(40, AllminePage.offset(3, 20));
    assertEquals(Long.MAX_VALUE - 1, AllminePage.offset(Long.MAX_VALUE, 1));
    assertEquals(Long.MAX_VALUE, AllminePage.offset(Long.MAX_VALUE, 100));
    assertEquals(Long.MAX_VALUE, AllminePage.offset(Long.MAX_VALUE / 100 + 2, 100));
    assertEquals(Long.MAX_VALUE / 100 * 100, AllminePage.offset(Long.MAX_VALUE / 100 + 1, 100));
  }
}
