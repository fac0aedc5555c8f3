package io.chatgw.gateway.auth;

import static io.chatgw.gateway.auth.JwtForge.B64;
import static io.chatgw.gateway.auth.JwtForge.bytes;
import static io.chatgw.gateway.auth.JwtForge.capitalisations;
import static io.chatgw.gateway.auth.JwtForge.header;
import static io.chatgw.gateway.auth.JwtForge.hs;
import static io.chatgw.gateway.auth.JwtForge.json;
import static io.chatgw.gateway.auth.JwtForge.mac;
import static io.chatgw.gateway.auth.JwtForge.raw;
import static io.chatgw.gateway.auth.JwtForge.rsaJwk;
import static io.chatgw.gateway.auth.JwtForge.without;
import static io.chatgw.gateway.auth.JwtForge.withoutSignature;
import static io.chatgw.gateway.auth.JwtTarget.Outcome.ACCEPTED;
import static io.chatgw.gateway.auth.JwtTarget.Outcome.ANOTHER_TENANT;
import static io.chatgw.gateway.auth.JwtTarget.Outcome.NOT_A_MEMBER;
import static io.chatgw.gateway.auth.JwtTarget.Outcome.UNAUTHORIZED;

import io.chatgw.gateway.auth.JwtTarget.Outcome;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The attack table of issue 5: each row a token, the gateway it is sent to (which keys that
 * gateway verifies with) and the outcome dialects.md "Tokens" prescribes. Tokens are made when the
 * row runs, so time-based rows measure their margins from the moment of the request. The rows for
 * gateways that trust a public key are {@link PublicKeyAttacks}.
 */
final class JwtAttacks {

  /** Which gateway a row runs on: HS256 only, or HS256 plus an RSA or an EC public key. */
  enum Keys { HS, RS, ES }

  /** {@code callsHome}: the token names a URL (jku, x5u) the gateway must never fetch. */
  record Attack(String name, Keys keys, Outcome outcome, Supplier<String> token, boolean callsHome) {}

  static final String ATTACKER_SECRET = "attacker-secret-0123456789-0123456789-abc";

  private final TwoTenants t;
  private final String minted;
  private final KeyPair attacker = TestJwts.rsaKeyPair();
  private final String canary;
  private final PublicKeyAttacks publicKeys;
  private final List<Attack> rows = new ArrayList<>();

  /**
   * {@code minted}: a JWT of A's user from the admin API; {@code rsa} and {@code ec}: the key pairs
   * whose public halves the RS and ES gateways trust.
   */
  JwtAttacks(TwoTenants tenants, String minted, KeyPair rsa, KeyPair ec, String canaryUrl) {
    this.t = tenants;
    this.minted = minted;
    this.canary = canaryUrl;
    this.publicKeys = new PublicKeyAttacks(this::claims, rsa, ec, attacker, canaryUrl);
  }

  List<Attack> all() {
    rows.clear();
    unsignedAndMisnamed();
    signatures();
    times();
    claimsOfTheWrongKind();
    keyHeaders();
    shapes();
    rows.addAll(publicKeys.rows());
    return List.copyOf(rows);
  }

  private void unsignedAndMisnamed() {
    row("control: a valid HS256 token", ACCEPTED, () -> hs(claims()));
    row("control: a token minted by the admin API", ACCEPTED, () -> minted);
    for (String alg : capitalisations("none")) {
      row("alg " + alg + ", empty signature", UNAUTHORIZED, () -> TestJwts.unsigned(alg, claims()));
      row("alg " + alg + ", with the HS256 signature of its input", UNAUTHORIZED, () -> hs(header(alg), claims()));
    }
    row("alg none, two segments", UNAUTHORIZED, () -> TestJwts.part(header("none")) + "." + TestJwts.part(claims()));
    row("no alg", UNAUTHORIZED, () -> hs(new JsonObject().put("typ", "JWT"), claims()));
    row("alg null", UNAUTHORIZED, () -> hs(new JsonObject().putNull("alg"), claims()));
    row("alg hs256 (lower case)", UNAUTHORIZED, () -> hs(header("hs256"), claims()));
    row("alg 'HS256 ' (trailing space)", UNAUTHORIZED, () -> hs(header("HS256 "), claims()));
    row("alg HS512 over an HS256 MAC", UNAUTHORIZED, () -> hs(header("HS512"), claims()));
    row("alg as a number", UNAUTHORIZED, () -> hs(new JsonObject().put("alg", 256), claims()));
    row("alg HS999 (no such algorithm) over an HS256 MAC", UNAUTHORIZED, () -> hs(header("HS999"), claims()));
    row("RS256 on a gateway that trusts no public key", UNAUTHORIZED, () ->
        TestJwts.rs256(claims(), attacker.getPrivate()));
  }

  private void signatures() {
    row("HS256 with an empty signature", UNAUTHORIZED, () -> withoutSignature(hs(claims())) + ".");
    row("HS256 with a wrong secret", UNAUTHORIZED, () -> TestJwts.hs256(header("HS256"), claims(), ATTACKER_SECRET));
    row("HS256 with the payload changed after signing", UNAUTHORIZED, () -> {
      String[] parts = hs(claims()).split("\\.");
      return parts[0] + "." + TestJwts.part(claims().put("sub", "u2")) + "." + parts[2];
    });
    row("HS256 with the signature of another token", UNAUTHORIZED, () ->
        withoutSignature(hs(claims())) + "." + hs(claims().put("jti", "other")).split("\\.")[2]);
  }

  private void times() {
    row("exp 25 s ago (inside the 30 s leeway)", ACCEPTED, () -> hs(claims().put("exp", now() - 25)));
    row("exp 35 s ago (outside the leeway)", UNAUTHORIZED, () -> hs(claims().put("exp", now() - 35)));
    row("nbf in 25 s (inside the leeway)", ACCEPTED, () -> hs(claims().put("nbf", now() + 25)));
    row("nbf in 35 s (outside the leeway)", UNAUTHORIZED, () -> hs(claims().put("nbf", now() + 35)));
    row("nbf 10 s ago", ACCEPTED, () -> hs(claims().put("nbf", now() - 10)));
    row("iat in 25 s (inside the leeway)", ACCEPTED, () -> hs(claims().put("iat", now() + 25)));
    row("iat in 35 s (outside the leeway)", UNAUTHORIZED, () -> hs(claims().put("iat", now() + 35)));
    row("exp with a fraction (a NumericDate)", ACCEPTED, () -> hs(claims().put("exp", now() + 3600.5)));
    row("no exp", UNAUTHORIZED, () -> hs(without(claims(), "exp")));
    for (Object exp : new Object[] {"soon", "1e12", String.valueOf(now() + 3600), true, new JsonObject(),
        new JsonArray().add(now() + 3600)}) {
      row("exp " + json(exp), UNAUTHORIZED, () -> hs(claims().put("exp", exp)));
    }
    row("exp null", UNAUTHORIZED, () -> hs(claims().putNull("exp")));
    row("nbf \"soon\"", UNAUTHORIZED, () -> hs(claims().put("nbf", "soon")));
    row("nbf true", UNAUTHORIZED, () -> hs(claims().put("nbf", true)));
    row("iat \"now\"", UNAUTHORIZED, () -> hs(claims().put("iat", "now")));
  }

  private void claimsOfTheWrongKind() {
    for (String claim : List.of("sub", "tid")) {
      row("no " + claim, UNAUTHORIZED, () -> hs(without(claims(), claim)));
      row(claim + " empty", UNAUTHORIZED, () -> hs(claims().put(claim, "")));
      row(claim + " a number", UNAUTHORIZED, () -> hs(claims().put(claim, 42)));
      row(claim + " null", UNAUTHORIZED, () -> hs(claims().putNull(claim)));
      row(claim + " an array", UNAUTHORIZED, () -> hs(claims().put(claim, new JsonArray().add(TwoTenants.USER))));
    }
    row("sub of another tenant's user", NOT_A_MEMBER, () -> hs(claims().put("sub", TwoTenants.B_ONLY_USER)));
    row("tid of another tenant", ANOTHER_TENANT, () -> hs(TestJwts.claims(t.b(), TwoTenants.USER)));
    row("tid of a tenant the store does not know", ANOTHER_TENANT, () ->
        hs(TestJwts.claims(t.a() + "-elsewhere", TwoTenants.USER)));
  }

  private void keyHeaders() {
    row("kid path traversal, MAC keyed with a zero byte", UNAUTHORIZED, () ->
        mac(header("HS256").put("kid", "../../../../../../dev/null"), claims(), new byte[1]));
    row("kid SQL injection, MAC keyed with the injected value", UNAUTHORIZED, () ->
        mac(header("HS256").put("kid", "x' UNION SELECT 'attacker-key' --"), claims(), bytes("attacker-key")));
    row("kid naming the algorithm, wrong secret", UNAUTHORIZED, () ->
        TestJwts.hs256(header("HS256").put("kid", "HS256"), claims(), ATTACKER_SECRET));
    row("jku to the attacker's JWKS, RS256 by the attacker", UNAUTHORIZED, () ->
        attackerRs(header("RS256").put("kid", "attacker").put("jku", canary + "/jwks.json")), true);
    row("jku, HS256 with the attacker's secret", UNAUTHORIZED, () ->
        TestJwts.hs256(header("HS256").put("jku", canary + "/jwks.json"), claims(), ATTACKER_SECRET), true);
    row("x5u to the attacker's certificate, RS256 by the attacker", UNAUTHORIZED, () ->
        attackerRs(header("RS256").put("x5u", canary + "/cert.pem")), true);
    row("embedded RSA jwk of the attacker", UNAUTHORIZED, () -> attackerRs(header("RS256").put("jwk", rsaJwk((RSAPublicKey) attacker.getPublic(), "attacker"))));
    row("embedded oct jwk, MAC keyed with it", UNAUTHORIZED, () -> TestJwts.hs256(header("HS256")
        .put("jwk", new JsonObject().put("kty", "oct").put("k", B64.encodeToString(bytes(ATTACKER_SECRET)))),
        claims(), ATTACKER_SECRET));
  }

  private void shapes() {
    row("1 segment: the header", UNAUTHORIZED, () -> hs(claims()).split("\\.")[0]);
    row("2 segments: header.payload", UNAUTHORIZED, () -> withoutSignature(hs(claims())));
    row("4 segments", UNAUTHORIZED, () -> hs(claims()) + ".AAAA");
    row("5 segments", UNAUTHORIZED, () -> hs(claims()) + ".AAAA.AAAA");
    row("a valid token with a trailing dot", UNAUTHORIZED, () -> hs(claims()) + ".");
    row("a valid token with two trailing dots", UNAUTHORIZED, () -> hs(claims()) + "..");
    row("a valid token with a leading dot", UNAUTHORIZED, () -> "." + hs(claims()));
    row("empty payload segment", UNAUTHORIZED, () -> {
      String[] parts = hs(claims()).split("\\.");
      return parts[0] + ".." + parts[2];
    });
    row("8 KiB token, wrong secret", UNAUTHORIZED, () -> ofLength(8 * 1024, ATTACKER_SECRET));
    row("15 KiB token, wrong secret", UNAUTHORIZED, () -> ofLength(15 * 1024, ATTACKER_SECRET));
    row("15 KiB token, right secret", ACCEPTED, () -> ofLength(15 * 1024, TestGateway.JWT_SECRET));
    row("header not base64url", UNAUTHORIZED, () -> "!!!!." + hs(claims()).split("\\.", 2)[1]);
    for (String header : List.of("not json", "[]", "null", "\"HS256\"", "{\"alg\":\"HS256\"")) {
      row("header " + header, UNAUTHORIZED, () -> raw(bytes(header), TestJwts.part(claims())));
    }
    row("header of invalid UTF-8", UNAUTHORIZED, () -> raw(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'},
        TestJwts.part(claims())));
    for (String payload : List.of("not json", "[]", "null", "42")) {
      row("payload " + payload + " with a valid MAC", UNAUTHORIZED, () ->
          raw(bytes(header("HS256").encode()), B64.encodeToString(bytes(payload))));
    }
    row("non-ASCII token", UNAUTHORIZED, () -> "\u00e9\u00e9.\u00e9\u00e9.\u00e9\u00e9");
    for (String junk : List.of("garbage", "a.b.c", "..", "Bearer", "Basic dTE6cHc=")) {
      row("not a JWT: " + junk, UNAUTHORIZED, () -> junk);
    }
  }

  private void row(String name, Outcome outcome, Supplier<String> token) {
    rows.add(new Attack(name, Keys.HS, outcome, token, false));
  }

  private void row(String name, Outcome outcome, Supplier<String> token, boolean callsHome) {
    rows.add(new Attack(name, Keys.HS, outcome, token, callsHome));
  }

  JsonObject claims() {
    return TestJwts.claims(t.a(), TwoTenants.USER);
  }

  private static long now() {
    return TestJwts.now();
  }

  private String attackerRs(JsonObject header) {
    return TestJwts.signed(header, claims(), "SHA256withRSA", attacker.getPrivate());
  }

  /** A token of about {@code length} characters: a padding claim, signed with {@code secret}. */
  private String ofLength(int length, String secret) {
    int base = TestJwts.hs256(header("HS256"), claims().put("pad", ""), secret).length();
    return TestJwts.hs256(header("HS256"), claims().put("pad", "x".repeat((length - base) * 3 / 4)), secret);
  }
}
