package io.chatgw.gateway.auth;

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

/**
 * Verifies gateway JWTs with vertx-auth-jwt and mints them. HS256 with the configured secret;
 * RS256 or ES256 with the configured public key. Each algorithm only ever verifies with its own
 * key, so an HS256 token can never be checked against the public key's bytes.
 */
public final class Jwts {

  private final JWTAuth auth;

  private Jwts(JWTAuth auth) {
    this.auth = auth;
  }

  public static Jwts create(Vertx vertx, GatewayConfig.Jwt config) {
    JWTAuthOptions options = new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setLeeway(config.leewaySeconds()));
    String secret = config.secret()
        .orElseThrow(() -> new IllegalStateException("no JWT secret configured"));
    options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
    config.publicKeyPem().ifPresent(pem ->
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithmOf(pem)).setBuffer(pem)));
    return new Jwts(JWTAuth.create(vertx, options));
  }

  /** A JWT's principal, or a failed future with a 401 for anything not fully valid. */
  public Future<Principal> authenticate(String token) {
    if (!isCompact(token)) {
      return Future.failedFuture(GatewayError.unauthorized());
    }
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
      io.vertx.ext.auth.User verified = ar.result();
      Object sub = verified.get("sub");
      Object tid = verified.get("tid");
      Object exp = verified.get("exp");
      if (sub instanceof String s && !s.isEmpty() && tid instanceof String t && !t.isEmpty()
          && exp instanceof Number) {
        return Future.succeededFuture(new Principal(t, s));
      }
      return Future.failedFuture(GatewayError.unauthorized());
    });
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
