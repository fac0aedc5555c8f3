package io.chatgw.gateway.dialect.allmine;

import java.util.Comparator;

/**
 * PostgreSQL's {@code COLLATE "C"} order of two strings: the byte order of their UTF-8, which is
 * the order of their code points. {@link String#compareTo} compares UTF-16 units instead, and puts
 * a character above U+FFFF (a surrogate pair, U+D800-U+DFFF) before U+E000-U+FFFF.
 */
final class CollateC {

  static final Comparator<String> ORDER = CollateC::compare;

  private CollateC() {}

  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(fixUp(x), fixUp(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /**
   * Moves the surrogates above every other unit, so that unit order is code point order: a first
   * difference at a surrogate is a character above U+FFFF against one of the BMP.
   */
  private static int fixUp(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
