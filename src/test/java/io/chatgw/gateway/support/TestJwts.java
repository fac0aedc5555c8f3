package io.chatgw.gateway.support;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made JWTs for tests: valid ones, and every kind of broken or hostile one. */
public final class TestJwts {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private TestJwts() {}

  public static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** Claims of a valid token for a user: sub, tid, iat, exp (+1 h). */
  public static JsonObject claims(String tenant, String user) {
    return new JsonObject().put("sub", user).put("tid", tenant).put("iat", now()).put("exp", now() + 3600);
  }

  /** A valid HS256 token signed with the test gateway's secret. */
  public static String valid(String tenant, String user) {
    return hs256(claims(tenant, user));
  }

  public static String hs256(JsonObject claims) {
    return hs256(new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims, TestGateway.JWT_SECRET);
  }

  public static String hs256(JsonObject header, JsonObject claims, String secret) {
    String signingInput = part(header) + "." + part(claims);
    return signingInput + "." + hmac(signingInput, secret.getBytes(StandardCharsets.UTF_8));
  }

  /** An HMAC-SHA256 signature with arbitrary key bytes (e.g. a public key's, for confusion attacks). */
  public static String hmac(String signingInput, byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token: {@code alg} as given (e.g. "none", "NoNe") and an empty signature. */
  public static String unsigned(String alg, JsonObject claims) {
    return part(new JsonObject().put("alg", alg).put("typ", "JWT")) + "." + part(claims) + ".";
  }

  public static String part(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String rs256(JsonObject claims, PrivateKey key) {
    return signed(new JsonObject().put("alg", "RS256").put("typ", "JWT"), claims, "SHA256withRSA", key);
  }

  /** ES256 as JWS wants it: r and s as two 32-byte integers, not DER. */
  public static String es256(JsonObject claims, PrivateKey key) {
    return signed(new JsonObject().put("alg", "ES256").put("typ", "JWT"), claims, "SHA256withECDSAinP1363Format", key);
  }

  /** A token signed with a private key and a JCA signature algorithm, whatever the header says. */
  public static String signed(JsonObject header, JsonObject claims, String jcaAlgorithm, PrivateKey key) {
    String signingInput = part(header) + "." + part(claims);
    try {
      Signature signature = Signature.getInstance(jcaAlgorithm);
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
