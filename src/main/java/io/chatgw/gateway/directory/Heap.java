package io.chatgw.gateway.directory;

/** Upper bounds of heap sizes, for the caches' weights. */
final class Heap {

  private Heap() {}

  /** A string's object, its array and two bytes a char (at most what a UTF-16 string takes). */
  static int of(String s) {
    return s == null ? 0 : 56 + 2 * s.length();
  }
}
