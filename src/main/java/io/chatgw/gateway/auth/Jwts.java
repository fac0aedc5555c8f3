package io.chatgw.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies gateway JWTs with vertx-auth-jwt and mints them. HS256 with the configured secret;
 * RS256 or ES256 with the configured public key. Each algorithm only ever verifies with its own
 * key, so an HS256 token can never be checked against the public key's bytes.
 *
 * <p>A verified token's principal is remembered by the exact token string (a bounded Caffeine
 * cache, {@code jwt.cacheSize}) until the token's own {@code exp} plus the leeway, the instant
 * vertx-auth-jwt would start refusing it; a hit checks that instant again, so an expired token is
 * never accepted from the cache. Only tokens that verified are kept: a changed signature, header
 * or payload is another string, verified from scratch. Keys come only from the configuration and
 * never change while the process runs, so nothing else can make a verified token invalid.
 */
public final class Jwts {

  /** An entry weighs one per started KiB of its token, so large tokens cannot make the cache large. */
  static final int WEIGHT_BYTES = 1024;

  private record Verified(Principal principal, long validUntilMillis) {}

  private final JWTAuth auth;
  private final long leewayMillis;
  /** Null when {@code jwt.cacheSize} is 0. */
  private final Cache<String, Verified> verified;
  private final LongAdder verifications = new LongAdder();

  private Jwts(JWTAuth auth, GatewayConfig.Jwt config) {
    this.auth = auth;
    this.leewayMillis = config.leewaySeconds() * 1000L;
    this.verified = config.cacheSize() == 0 ? null : Caffeine.newBuilder()
        .maximumWeight(config.cacheSize())
        .weigher((String token, Verified v) -> 1 + (token.length() - 1) / WEIGHT_BYTES)
        .expireAfter(new UntilExpiry())
        .executor(Runnable::run)
        .build();
  }

  public static Jwts create(Vertx vertx, GatewayConfig.Jwt config) {
    JWTAuthOptions options = new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setLeeway(config.leewaySeconds()));
    String secret = config.secret()
        .orElseThrow(() -> new IllegalStateException("no JWT secret configured"));
    options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
    config.publicKeyPem().ifPresent(pem ->
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithmOf(pem)).setBuffer(pem)));
    return new Jwts(JWTAuth.create(vertx, options), config);
  }

  /** A JWT's principal, or a failed future with a 401 for anything not fully valid. */
  public Future<Principal> authenticate(String token) {
    if (!isCompact(token)) {
      return Future.failedFuture(GatewayError.unauthorized());
    }
    if (verified != null) {
      Verified known = verified.getIfPresent(token);
      if (known != null) {
        if (System.currentTimeMillis() < known.validUntilMillis()) {
          return Future.succeededFuture(known.principal());
        }
        verified.invalidate(token); // expired since: verified again below, which refuses it
      }
    }
    return verify(token);
  }

  private Future<Principal> verify(String token) {
    verifications.increment();
    Future<io.vertx.ext.auth.User> user;
    try {
      user = auth.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      return Future.failedFuture(GatewayError.unauthorized());
    }
    return user.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(GatewayError.unauthorized());
      }
      io.vertx.ext.auth.User checked = ar.result();
      Object sub = checked.get("sub");
      Object tid = checked.get("tid");
      Object exp = checked.get("exp");
      if (sub instanceof String s && !s.isEmpty() && tid instanceof String t && !t.isEmpty()
          && exp instanceof Number e) {
        Principal principal = new Principal(t, s);
        remember(token, principal, e.longValue());
        return Future.succeededFuture(principal);
      }
      return Future.failedFuture(GatewayError.unauthorized());
    });
  }

  /**
   * vertx-auth-jwt refuses a token once {@code now / 1000 - leeway >= exp} (whole seconds, exp read
   * as a long), so it accepts it while the clock is before {@code (exp + leeway) * 1000} ms.
   */
  private void remember(String token, Principal principal, long exp) {
    if (verified == null) {
      return;
    }
    // a verified token's exp is past now - leeway, so only a huge exp can overflow
    long until = exp >= (Long.MAX_VALUE - leewayMillis) / 1000 ? Long.MAX_VALUE : exp * 1000 + leewayMillis;
    if (until > System.currentTimeMillis()) {
      verified.put(token, new Verified(principal, until));
    }
  }

  /** Signature verifications run (cache misses), for tests. */
  long verifications() {
    return verifications.sum();
  }

  /** Tokens remembered now, for tests. */
  long cachedTokens() {
    if (verified == null) {
      return 0;
    }
    verified.cleanUp();
    return verified.estimatedSize();
  }

  /** An entry lives until its token expires; reading or replacing it does not extend that. */
  private static final class UntilExpiry implements Expiry<String, Verified> {
    @Override
    public long expireAfterCreate(String token, Verified v, long now) {
      long millis = v.validUntilMillis() - System.currentTimeMillis();
      return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public long expireAfterUpdate(String token, Verified v, long now, long current) {
      return expireAfterCreate(token, v, now);
    }

    @Override
    public long expireAfterRead(String token, Verified v, long now, long current) {
      return current;
    }
  }

  /** An HS256 token for a user, with {@code sub}, {@code tid}, {@code iat} and {@code exp}. */
  public String mint(String tenantId, String userId, int ttlSeconds) {
    return auth.generateToken(new JsonObject().put("sub", userId).put("tid", tenantId),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(ttlSeconds));
  }

  /** True when the string has the shape of a compact JWS (three dot-separated parts). */
  public static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    return first > 0 && token.indexOf('.', first + 1) > first;
  }

  /**
   * Exactly three parts. vertx-auth-jwt splits with {@code String.split}, which drops trailing empty
   * parts, so a valid token with dots appended would otherwise verify as itself.
   */
  private static boolean isCompact(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    return second > 0 && token.indexOf('.', second + 1) < 0;
  }

  static String algorithmOf(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    for (String[] candidate : new String[][] {{"RSA", "RS256"}, {"EC", "ES256"}}) {
      try {
        KeyFactory.getInstance(candidate[0]).generatePublic(new X509EncodedKeySpec(der));
        return candidate[1];
      } catch (Exception notThisKind) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException("JWT_PUBLIC_KEY is neither an RSA nor an EC public key (PEM)");
  }
}
