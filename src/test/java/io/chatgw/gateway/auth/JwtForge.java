package io.chatgw.gateway.auth;

import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The building blocks of the attack rows: headers, MACs, raw segments, cut-up tokens. */
final class JwtForge {

  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private JwtForge() {}

  static JsonObject header(String alg) {
    return new JsonObject().put("alg", alg).put("typ", "JWT");
  }

  static String hs(JsonObject claims) {
    return TestJwts.hs256(claims);
  }

  /** Signed with the gateway's own secret, whatever the header says. */
  static String hs(JsonObject header, JsonObject claims) {
    return TestJwts.hs256(header, claims, TestGateway.JWT_SECRET);
  }

  static String mac(JsonObject header, JsonObject claims, byte[] key) {
    String input = TestJwts.part(header) + "." + TestJwts.part(claims);
    return input + "." + TestJwts.hmac(input, key);
  }

  /** Raw header bytes and an encoded payload, with a valid MAC by the gateway's secret. */
  static String raw(byte[] header, String payload) {
    String input = B64.encodeToString(header) + "." + payload;
    return input + "." + TestJwts.hmac(input, bytes(TestGateway.JWT_SECRET));
  }

  /** A header and claims with the given raw signature bytes. */
  static String withSignature(JsonObject header, JsonObject claims, byte[] signature) {
    return TestJwts.part(header) + "." + TestJwts.part(claims) + "." + B64.encodeToString(signature);
  }

  static String withoutSignature(String token) {
    return token.substring(0, token.lastIndexOf('.'));
  }

  static JsonObject without(JsonObject claims, String name) {
    claims.remove(name);
    return claims;
  }

  static JsonObject rsaJwk(RSAPublicKey key, String kid) {
    return new JsonObject().put("kty", "RSA").put("kid", kid)
        .put("n", B64.encodeToString(unsigned(key.getModulus())))
        .put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A positive integer's big-endian bytes without a sign byte. */
  static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  /** Every upper/lower-case spelling of a word: none, nonE, … NONE. */
  static List<String> capitalisations(String word) {
    List<String> spellings = new ArrayList<>();
    for (int mask = 0; mask < 1 << word.length(); mask++) {
      StringBuilder spelling = new StringBuilder();
      for (int i = 0; i < word.length(); i++) {
        String c = word.substring(i, i + 1);
        spelling.append((mask & 1 << i) != 0 ? c.toUpperCase(Locale.ROOT) : c);
      }
      spellings.add(spelling.toString());
    }
    return spellings;
  }

  /** JSON text of a claim value, for row names. */
  static String json(Object value) {
    String member = new JsonObject().put("v", value).encode();
    return member.substring(5, member.length() - 1);
  }
}
