package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** COLLATE "C" is the unsigned byte order of the strings' UTF-8, not String.compareTo's order. */
class CollateCTest {

  static final String BMP_HIGH = "\uFF5E";          // FULLWIDTH TILDE, U+FF5E: EF BD 9E
  static final String ASTRAL = "\uD83D\uDE00";      // GRINNING FACE, U+1F600: F0 9F 98 80

  @Test
  void aCharacterAboveUffffSortsAfterTheTopOfTheBmpUnlikeInUtf16() {
    assertTrue(("a" + ASTRAL).compareTo("a" + BMP_HIGH) < 0, "UTF-16 order puts the surrogate first");
    assertTrue(CollateC.compare("a" + ASTRAL, "a" + BMP_HIGH) > 0);
    assertTrue(CollateC.compare("a", "a" + ASTRAL) < 0);
    assertTrue(CollateC.compare("B", "a") < 0);
    assertEquals(0, CollateC.compare("a" + ASTRAL, "a" + ASTRAL));
  }

  @Test
  void agreesWithTheUtf8ByteOrderOnRandomStrings() {
    int[] alphabet = {'a', 'b', 'Z', 0x7f, 0xe9, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xff5e, 0xffff, 0x10000, 0x1f600,
        0x10ffff};
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      String a = random(random, alphabet);
      String b = random(random, alphabet);
      int bytes = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(bytes, Integer.signum(CollateC.compare(a, b)), a + " vs " + b);
    }
  }

  private static String random(SplittableRandom random, int[] alphabet) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(4); n >= 0; n--) {
      s.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
    }
    return s.toString();
  }
}
