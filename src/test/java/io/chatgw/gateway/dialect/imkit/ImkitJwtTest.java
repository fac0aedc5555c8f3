package io.chatgw.gateway.dialect.imkit;

import static io.chatgw.gateway.dialect.imkit.ImkitClient.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dialects.md "Tokens", as IMKit's IM-Authorization: every JWT that is not fully valid is a 401. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitJwtTest {

  Http http;
  ImkitClient client;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Docs docs = Docs.newTenant("imkit-jwt").user("u1", "u1").room("room", 1, "u1")
        .message("m1", "room", "u1", "hi", Instant.parse("2024-01-01T00:00:00Z"));
    client = ImkitClient.load(http, docs, "u1");
  }

  @AfterAll
  void close() {
    http.close();
  }

  JsonObject claims() {
    return TestJwts.claims(client.tenant, "u1");
  }

  Http.Response with(String jwt) {
    return client.get("room", null, client.key, jwt);
  }

  @Test
  void aValidHs256TokenIsAccepted() {
    assertEquals(200, with(TestJwts.hs256(claims())).status());
    assertEquals(200, with("Bearer " + TestJwts.hs256(claims())).status());
  }

  @Test
  void anExpiredToken() {
    assertUnauthorized(with(TestJwts.hs256(claims().put("exp", TestJwts.now() - 3600))));
    assertUnauthorized(with(TestJwts.hs256(claims().put("exp", TestJwts.now() - 120))));
  }

  @Test
  void expiryHasA30SecondLeeway() {
    assertEquals(200, with(TestJwts.hs256(claims().put("exp", TestJwts.now() - 5))).status());
  }

  @Test
  void aTokenNotValidBeforeALaterTime() {
    assertUnauthorized(with(TestJwts.hs256(claims().put("nbf", TestJwts.now() + 3600))));
  }

  @Test
  void aWrongSignature() {
    assertUnauthorized(with(TestJwts.hs256(new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims(),
        "another-secret-0123456789-0123456789-abcdef")));
    String valid = TestJwts.hs256(claims());
    assertUnauthorized(with(valid.substring(0, valid.length() - 4) + "AAAA"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "NoNe", "NONE"})
  void anUnsignedToken(String alg) {
    assertUnauthorized(with(TestJwts.unsigned(alg, claims())));
  }

  @Test
  void anUnknownAlgorithm() {
    String input = TestJwts.part(new JsonObject().put("alg", "HS999").put("typ", "JWT")) + "." + TestJwts.part(claims());
    assertUnauthorized(with(input + "." + TestJwts.hmac(input, TestGateway.JWT_SECRET.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void missingSubTidOrExp() {
    JsonObject noSub = claims();
    noSub.remove("sub");
    JsonObject noTid = claims();
    noTid.remove("tid");
    JsonObject noExp = claims();
    noExp.remove("exp");
    assertUnauthorized(with(TestJwts.hs256(noSub)));
    assertUnauthorized(with(TestJwts.hs256(noTid)));
    assertUnauthorized(with(TestJwts.hs256(noExp)));
    assertUnauthorized(with(TestJwts.hs256(claims().put("sub", ""))));
    assertUnauthorized(with(TestJwts.hs256(claims().put("tid", 42))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "a.b.c", "..", "Bearer", "Basic dTE6cHc="})
  void notAJwtAtAll(String token) {
    assertUnauthorized(with(token));
  }

  @Test
  void onAGatewayWithAPublicKeyRs256IsAcceptedAndHs256SignedWithThePublicKeyIsNot() {
    KeyPair keys = TestJwts.rsaKeyPair();
    String pem = TestJwts.pem(keys.getPublic());
    try (TestGateway rs = TestGateway.start(c -> new GatewayConfig(c.http(), c.database(), c.adminToken(),
            new GatewayConfig.Jwt(c.jwt().secret(), Optional.of(pem), 30), c.auth(), c.mirage(), c.imports(), c.pages(), c.instances()));
        Http direct = new Http(rs.port())) {
      ImkitClient onRs = new ImkitClient(direct, client.tenant, client.key, null);
      Http.Response accepted = onRs.get("room", null, client.key, TestJwts.rs256(claims(), keys.getPrivate()));
      assertEquals(200, accepted.status(), accepted.body());
      assertEquals(ImkitClient.withoutTook(client.get("room", null).body()), ImkitClient.withoutTook(accepted.body()));

      String input = TestJwts.part(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + TestJwts.part(claims());
      assertUnauthorized(onRs.get("room", null, client.key,
          input + "." + TestJwts.hmac(input, pem.getBytes(StandardCharsets.US_ASCII))));
      assertUnauthorized(onRs.get("room", null, client.key,
          input + "." + TestJwts.hmac(input, keys.getPublic().getEncoded())));
      assertUnauthorized(onRs.get("room", null, client.key,
          TestJwts.rs256(claims().put("exp", TestJwts.now() - 3600), keys.getPrivate())));
      assertEquals(200, onRs.get("room", null, client.key, client.jwt).status(), "HS256 with the secret still works");
    }
  }
}
