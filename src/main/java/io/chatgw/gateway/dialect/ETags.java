package io.chatgw.gateway.dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The history routes' weak entity tags: {@code W/"<digest>"}, or {@code W/"<digest>.<until>"} for
 * an answer that changes by itself at {@code until} (epoch ms: Mirage's expiry). The digest is
 * SHA-256 (first 96 bits, base64url) of what the answer depends on: the request (dialect,
 * caller, parameters), the room's change position, the directory's generation, and the instant.
 * {@code If-None-Match} is compared weakly, as RFC 9110 §13.1.2 says: {@code *}, or any tag of the
 * list equal to the current one, opaque part for opaque part.
 */
public final class ETags {

  /** A tag that does not expire. */
  public static final long NEVER = 0;

  /**
   * The most tags of one {@code If-None-Match} list that are compared; the rest are ignored (no
   * match: a 200, which is always a correct answer). Each tag that names an expiry costs a digest,
   * so without a bound one 16 KiB header of short tags cost thousands of SHA-256s. A client sends
   * the one tag it holds, or a few.
   */
  static final int MAX_TAGS = 16;

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private ETags() {}

  /** The tag of an answer with these inputs. */
  public static String of(String request, long position, long generation, long until) {
    String digest = digest(request + '\n' + position + '\n' + generation + '\n' + until);
    return until == NEVER ? "W/\"" + digest + '"' : "W/\"" + digest + '.' + until + '"';
  }

  /**
   * The tag of the list {@code ifNoneMatch} that the current answer still has, or null: a tag
   * matches when it is this request's at this position and generation and its expiry (if any) is
   * still ahead of {@code nowMillis}. ({@code *} is the caller's: see {@link #isAny}.)
   */
  public static String matching(String ifNoneMatch, String request, long position, long generation, long nowMillis) {
    int i = 0;
    int n = ifNoneMatch.length();
    String current = null; // the tag without expiry, digested once for the whole list
    for (int examined = 0; i < n && examined < MAX_TAGS; examined++) {
      while (i < n && (ifNoneMatch.charAt(i) == ' ' || ifNoneMatch.charAt(i) == ',' || ifNoneMatch.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (ifNoneMatch.charAt(i) == '*') {
        return null;
      }
      if (ifNoneMatch.startsWith("W/", i)) {
        i += 2;
      }
      if (i >= n || ifNoneMatch.charAt(i) != '"') {
        return null; // not a list of entity tags: nothing matches
      }
      int close = ifNoneMatch.indexOf('"', i + 1);
      if (close < 0) {
        return null;
      }
      String opaque = ifNoneMatch.substring(i + 1, close);
      i = close + 1;
      if (opaque.indexOf('.') < 0) {
        current = current != null ? current : of(request, position, generation, NEVER);
        if (current.equals("W/\"" + opaque + '"')) {
          return current;
        }
        continue;
      }
      String tag = candidate(opaque, request, position, generation, nowMillis);
      if (tag != null) {
        return tag;
      }
    }
    return null;
  }

  /** {@code If-None-Match: *}: matches whatever the current answer is. */
  public static boolean isAny(String ifNoneMatch) {
    return ifNoneMatch.trim().equals("*");
  }

  private static String candidate(String opaque, String request, long position, long generation, long nowMillis) {
    int dot = opaque.indexOf('.');
    long until = NEVER;
    if (dot >= 0) {
      try {
        until = Long.parseLong(opaque.substring(dot + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (until <= nowMillis) {
        return null; // expired: the answer has changed by itself
      }
    }
    String tag = of(request, position, generation, until);
    return tag.equals("W/\"" + opaque + '"') ? tag : null;
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return BASE64.encodeToString(java.util.Arrays.copyOf(hash, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
