package io.chatgw.gateway.auth;

import static io.chatgw.gateway.auth.JwtForge.bytes;
import static io.chatgw.gateway.auth.JwtForge.header;
import static io.chatgw.gateway.auth.JwtForge.hs;
import static io.chatgw.gateway.auth.JwtForge.mac;
import static io.chatgw.gateway.auth.JwtForge.rsaJwk;
import static io.chatgw.gateway.auth.JwtForge.withSignature;
import static io.chatgw.gateway.auth.JwtForge.withoutSignature;
import static io.chatgw.gateway.auth.JwtTarget.Outcome.ACCEPTED;
import static io.chatgw.gateway.auth.JwtTarget.Outcome.UNAUTHORIZED;

import io.chatgw.gateway.auth.JwtAttacks.Attack;
import io.chatgw.gateway.auth.JwtAttacks.Keys;
import io.chatgw.gateway.auth.JwtTarget.Outcome;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The attack rows for gateways that trust a public key next to the HS256 secret: algorithm
 * confusion (an HMAC keyed with the public key's PEM text, PEM body or DER), foreign and
 * unconfigured signatures, and ES256's zero and "psychic" (r = s = 0, r = s = n) signatures.
 */
final class PublicKeyAttacks {

  /** The order n of P-256. */
  private static final BigInteger P256_ORDER =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  private final Supplier<JsonObject> claims;
  private final KeyPair rsa;
  private final KeyPair ec;
  private final KeyPair attacker;
  private final String canary;
  private final List<Attack> rows = new ArrayList<>();

  PublicKeyAttacks(Supplier<JsonObject> claims, KeyPair rsa, KeyPair ec, KeyPair attacker, String canaryUrl) {
    this.claims = claims;
    this.rsa = rsa;
    this.ec = ec;
    this.attacker = attacker;
    this.canary = canaryUrl;
  }

  List<Attack> rows() {
    rows.clear();
    onTheRsGateway();
    onTheEsGateway();
    return List.copyOf(rows);
  }

  private void onTheRsGateway() {
    rsRow("control: a valid RS256 token", ACCEPTED, () -> TestJwts.rs256(claims(), rsa.getPrivate()));
    rsRow("control: a valid HS256 token next to the public key", ACCEPTED, () -> hs(claims()));
    String pem = TestJwts.pem(rsa.getPublic());
    String pemBody = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    rsRow("HS256 keyed with the public key's PEM text", UNAUTHORIZED, () -> mac(header("HS256"), claims(), bytes(pem)));
    rsRow("HS256 keyed with the PEM text without its last newline", UNAUTHORIZED, () ->
        mac(header("HS256"), claims(), bytes(pem.strip())));
    rsRow("HS256 keyed with the PEM's base64 body", UNAUTHORIZED, () -> mac(header("HS256"), claims(), bytes(pemBody)));
    rsRow("HS256 keyed with the public key's DER", UNAUTHORIZED, () ->
        mac(header("HS256"), claims(), rsa.getPublic().getEncoded()));
    rsRow("RS256 header over a MAC keyed with the PEM", UNAUTHORIZED, () -> mac(header("RS256"), claims(), bytes(pem)));
    rsRow("RS256 by another key", UNAUTHORIZED, () -> TestJwts.rs256(claims(), attacker.getPrivate()));
    rsRow("RS512 by the trusted key (algorithm not configured)", UNAUTHORIZED, () ->
        TestJwts.signed(header("RS512"), claims(), "SHA512withRSA", rsa.getPrivate()));
    rsRow("RS256 with an empty signature", UNAUTHORIZED, () ->
        withoutSignature(TestJwts.rs256(claims(), rsa.getPrivate())) + ".");
    rsRow("RS256 expired 35 s ago", UNAUTHORIZED, () -> TestJwts.rs256(claims().put("exp", TestJwts.now() - 35), rsa.getPrivate()));
    rsRow("alg none next to a public key", UNAUTHORIZED, () -> TestJwts.unsigned("none", claims()));
    rsRow("embedded RSA jwk of the attacker", UNAUTHORIZED, () -> attackerRs(header("RS256").put("jwk", rsaJwk((RSAPublicKey) attacker.getPublic(), "attacker"))));
    rows.add(new Attack("jku to the attacker's JWKS", Keys.RS, UNAUTHORIZED,
        () -> attackerRs(header("RS256").put("jku", canary + "/jwks.json")), true));
  }

  private void onTheEsGateway() {
    esRow("control: a valid ES256 token", ACCEPTED, () -> TestJwts.es256(claims(), ec.getPrivate()));
    esRow("ES256 signature of 64 zero bytes", UNAUTHORIZED, () -> es(new byte[64]));
    esRow("ES256 psychic signature in DER form (r = s = 0)", UNAUTHORIZED, () ->
        es(new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}));
    esRow("ES256 signature r = s = n (the curve order)", UNAUTHORIZED, () -> {
      byte[] n = P256_ORDER.toByteArray();
      byte[] rs = new byte[64];
      System.arraycopy(n, n.length - 32, rs, 0, 32);
      System.arraycopy(n, n.length - 32, rs, 32, 32);
      return es(rs);
    });
    esRow("ES256 with an empty signature", UNAUTHORIZED, () -> es(new byte[0]));
    esRow("ES256 by another key", UNAUTHORIZED, () -> TestJwts.es256(claims(), TestJwts.ecKeyPair().getPrivate()));
    String pem = TestJwts.pem(ec.getPublic());
    esRow("HS256 keyed with the EC public key's PEM text", UNAUTHORIZED, () -> mac(header("HS256"), claims(), bytes(pem)));
    esRow("HS256 keyed with the EC public key's DER", UNAUTHORIZED, () ->
        mac(header("HS256"), claims(), ec.getPublic().getEncoded()));
  }

  private void rsRow(String name, Outcome outcome, Supplier<String> token) {
    rows.add(new Attack(name, Keys.RS, outcome, token, false));
  }

  private void esRow(String name, Outcome outcome, Supplier<String> token) {
    rows.add(new Attack(name, Keys.ES, outcome, token, false));
  }

  private JsonObject claims() {
    return claims.get();
  }

  private String attackerRs(JsonObject header) {
    return TestJwts.signed(header, claims(), "SHA256withRSA", attacker.getPrivate());
  }

  private String es(byte[] signature) {
    return withSignature(header("ES256"), claims(), signature);
  }
}
