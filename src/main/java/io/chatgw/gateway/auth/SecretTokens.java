package io.chatgw.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random credentials and their stored form. Keys and session tokens carry 256 random bits, so a
 * plain SHA-256 is a safe stored form (no slow KDF needed: there is nothing to brute-force), and
 * looking a hash up by index equality leaks nothing useful through timing.
 */
public final class SecretTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private SecretTokens() {}

  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return URL.encodeToString(bytes);
  }

  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** The cache key of a secret: its hash, so the cache never holds a credential in clear. */
  public static String cacheKey(byte[] hash) {
    return URL.encodeToString(hash);
  }
}
