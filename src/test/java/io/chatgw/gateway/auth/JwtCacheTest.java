package io.chatgw.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.GatewayError;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verified JWTs are remembered by their exact string until their own exp plus the leeway: a hit
 * skips the signature check, an expired token is refused even though it was cached, a token whose
 * signature (or payload) differs from a cached one is verified and refused, and tokens that do not
 * verify leave nothing behind.
 */
class JwtCacheTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private Jwts jwts(int leewaySeconds, long cacheSize) {
    return Jwts.create(vertx, new GatewayConfig.Jwt(Optional.of(TestGateway.JWT_SECRET), Optional.empty(),
        leewaySeconds, cacheSize));
  }

  private static String token(long exp) {
    return TestJwts.hs256(new JsonObject().put("sub", "u1").put("tid", "acme").put("iat", TestJwts.now())
        .put("exp", exp));
  }

  private static int status(Future<Principal> answer) {
    answer.otherwiseEmpty().await();
    assertTrue(answer.failed(), "accepted");
    return ((GatewayError) answer.cause()).status();
  }

  @Test
  void aCachedTokenIsNotVerifiedAgain() {
    Jwts jwts = jwts(30, 10_000);
    String token = TestJwts.valid("acme", "u1");
    assertEquals(new Principal("acme", "u1"), jwts.authenticate(token).await());
    assertEquals(new Principal("acme", "u1"), jwts.authenticate(token).await());
    assertEquals(new Principal("acme", "u1"), jwts.authenticate(token).await());
    assertEquals(1, jwts.verifications());
    assertEquals(1, jwts.cachedTokens());
  }

  @Test
  void aCachedTokenIsAcceptedWithinItsLeewayAndRefusedAfterIt() throws InterruptedException {
    Jwts jwts = jwts(1, 10_000);
    long exp = TestJwts.now() + 1;
    String token = token(exp);
    assertEquals(new Principal("acme", "u1"), jwts.authenticate(token).await(), "valid now");
    sleepUntil(exp * 1000 + 50); // past exp, inside the leeway of 1 s: vertx-auth-jwt still accepts it
    assertEquals(new Principal("acme", "u1"), jwts.authenticate(token).await(), "within the leeway");
    assertEquals(1, jwts.verifications(), "the second answer came from the cache");
    sleepUntil((exp + 1) * 1000 + 50); // past exp + leeway
    assertEquals(401, status(jwts.authenticate(token)), "an expired token accepted from the cache");
    assertEquals(401, status(jwts.authenticate(token)));
    assertEquals(0, jwts.cachedTokens(), "the expired entry is gone");
  }

  @Test
  void withoutLeewayACachedTokenEndsAtItsExp() throws InterruptedException {
    Jwts jwts = jwts(0, 10_000);
    long exp = TestJwts.now() + 1;
    String token = token(exp);
    jwts.authenticate(token).await();
    assertEquals(1, jwts.cachedTokens());
    sleepUntil(exp * 1000 + 50);
    assertEquals(401, status(jwts.authenticate(token)));
  }

  @Test
  void aTamperedSignatureIsRefusedWhileTheGenuineTokenIsCached() {
    Jwts jwts = jwts(30, 10_000);
    String token = TestJwts.valid("acme", "u1");
    jwts.authenticate(token).await();
    int dot = token.lastIndexOf('.');
    // the first signature character: every one of its bits counts (the last one's low bits may not)
    char first = token.charAt(dot + 1);
    String tampered = token.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + token.substring(dot + 2);
    assertNotEquals(token, tampered);
    assertEquals(401, status(jwts.authenticate(tampered)));
    String otherKey = TestJwts.hs256(new JsonObject().put("alg", "HS256").put("typ", "JWT"),
        TestJwts.claims("acme", "u1"), "another-secret-that-is-long-enough-0123456789");
    assertEquals(401, status(jwts.authenticate(otherKey)), "signed with another key");
    String otherPayload = TestJwts.part(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "."
        + TestJwts.part(TestJwts.claims("beta", "u1")) + token.substring(dot);
    assertEquals(401, status(jwts.authenticate(otherPayload)), "another payload under the cached signature");
    assertEquals(401, status(jwts.authenticate(token + ".")), "the cached token with a dot appended");
    assertEquals(new Principal("acme", "u1"), jwts.authenticate(token).await(), "the genuine token still");
    assertEquals(1, jwts.cachedTokens(), "only the genuine token is remembered");
  }

  @Test
  void tokensThatDoNotVerifyLeaveNothingBehind() {
    Jwts jwts = jwts(30, 10_000);
    String valid = TestJwts.valid("acme", "u1");
    String signature = valid.substring(valid.lastIndexOf('.'));
    for (int i = 0; i < 2_000; i++) {
      String forged = TestJwts.part(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "."
          + TestJwts.part(TestJwts.claims("acme", UUID.randomUUID().toString())) + signature;
      assertEquals(401, status(jwts.authenticate(forged)));
    }
    assertEquals(401, status(jwts.authenticate(token(TestJwts.now() - 60))), "expired");
    assertEquals(0, jwts.cachedTokens());
  }

  @Test
  void theCacheIsBoundedByWeightAndCanBeTurnedOff() {
    Jwts bounded = jwts(30, 100);
    for (int i = 0; i < 500; i++) {
      bounded.authenticate(TestJwts.valid("acme", "u" + i)).await();
    }
    assertTrue(bounded.cachedTokens() <= 100, bounded.cachedTokens() + " tokens kept");
    String large = TestJwts.hs256(TestJwts.claims("acme", "u1").put("pad", "x".repeat(3 * Jwts.WEIGHT_BYTES)));
    Jwts small = jwts(30, 3);
    small.authenticate(large).await();
    assertEquals(0, small.cachedTokens(), "a token of over 3 KiB weighs more than the whole cache");

    Jwts off = jwts(30, 0);
    String token = TestJwts.valid("acme", "u1");
    off.authenticate(token).await();
    off.authenticate(token).await();
    assertEquals(2, off.verifications());
    assertEquals(0, off.cachedTokens());
  }

  /** On the JUnit thread, never an event loop. */
  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
