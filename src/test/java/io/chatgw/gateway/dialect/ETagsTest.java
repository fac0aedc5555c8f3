package io.chatgw.gateway.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** If-None-Match lists: compared weakly, and no more of a list than {@link ETags#MAX_TAGS} tags. */
class ETagsTest {

  static final String REQUEST = "mirage\nPrincipal[tenantId=t, userId=u]\nparams";

  @Test
  void theCurrentTagMatchesAloneInAListAndInItsStrongForm() {
    String tag = ETags.of(REQUEST, 7, 1, ETags.NEVER);
    assertEquals(tag, ETags.matching(tag, REQUEST, 7, 1, 0));
    assertEquals(tag, ETags.matching("W/\"other\", " + tag, REQUEST, 7, 1, 0));
    assertEquals(tag, ETags.matching(tag.substring(2), REQUEST, 7, 1, 0), "weak comparison ignores W/");
    assertNull(ETags.matching(tag, REQUEST, 8, 1, 0), "another change position");
    assertNull(ETags.matching(tag, REQUEST, 7, 2, 0), "another directory generation");
  }

  @Test
  void aTagWithAnExpiryMatchesOnlyBeforeIt() {
    String tag = ETags.of(REQUEST, 7, 1, 5_000);
    assertEquals(tag, ETags.matching(tag, REQUEST, 7, 1, 4_999));
    assertNull(ETags.matching(tag, REQUEST, 7, 1, 5_000));
  }

  /**
   * A header may hold thousands of short tags (16 KiB of {@code "a.1",}); each one with an expiry
   * costs a digest. Past the first MAX_TAGS nothing is compared, so even the current tag there
   * does not match: the answer is a 200, which is always correct.
   */
  @Test
  void onlyTheFirstTagsOfALongListAreCompared() {
    String tag = ETags.of(REQUEST, 7, 1, 5_000);
    String filler = String.join(", ", Collections.nCopies(ETags.MAX_TAGS - 1, "W/\"x.9999999\""));
    assertEquals(tag, ETags.matching(filler + ", " + tag, REQUEST, 7, 1, 0), "the last tag still compared");
    assertNull(ETags.matching(filler + ", W/\"y.9999999\", " + tag, REQUEST, 7, 1, 0), "one past the bound");
  }
}
