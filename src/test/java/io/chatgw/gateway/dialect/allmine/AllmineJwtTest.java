package io.chatgw.gateway.dialect.allmine;

import static io.chatgw.gateway.dialect.allmine.AllmineCalls.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Admin;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** dialects.md "Tokens" as Allmine applies them: every broken JWT is 401 Authentication required. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllmineJwtTest {

  Http http;
  AllmineCalls allmine;
  Docs data;
  String expected;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    allmine = new AllmineCalls(http);
    data = Docs.newTenant("allmine-jwt").user("u1", "john").room("chat", 1, "u1")
        .message("m1", "chat", "u1", "hi", Instant.parse("2024-01-15T10:30:00Z"));
    new Admin(http).load(data.json());
    Http.Response ok = allmine.bearer("chat", "", TestJwts.valid(data.tenant(), "u1"));
    assertEquals(200, ok.status(), ok.body());
    expected = ok.body();
  }

  @AfterAll
  void close() {
    http.close();
  }

  JsonObject claims() {
    return TestJwts.claims(data.tenant(), "u1");
  }

  void assertUnauthorized(String token) {
    assertError(allmine.bearer("chat", "", token), 401, "Authentication required");
    assertError(allmine.get("chat", "", token), 401, "Authentication required");
  }

  @Test
  void aTokenMintedByTheAdminApiIsAccepted() {
    String minted = new Admin(http).tokens(data.tenant(), "u1").getString("jwt");
    assertEquals(expected, allmine.bearer("chat", "", minted).body());
  }

  @Test
  void anExpiredToken() {
    assertUnauthorized(TestJwts.hs256(claims().put("exp", TestJwts.now() - 120)));
  }

  @Test
  void anExpiryWithinTheLeewayIsStillAccepted() {
    assertEquals(200, allmine.bearer("chat", "", TestJwts.hs256(claims().put("exp", TestJwts.now() - 5))).status());
  }

  @Test
  void aTokenWithoutExpiry() {
    JsonObject claims = claims();
    claims.remove("exp");
    assertUnauthorized(TestJwts.hs256(claims));
  }

  @Test
  void aTokenNotValidBeforeAFutureTime() {
    assertUnauthorized(TestJwts.hs256(claims().put("nbf", TestJwts.now() + 600)));
  }

  @Test
  void aTokenIssuedInTheFuture() {
    assertUnauthorized(TestJwts.hs256(claims().put("iat", TestJwts.now() + 600)));
  }

  @Test
  void aWrongSignature() {
    assertUnauthorized(TestJwts.hs256(new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims(),
        "another-secret-0123456789-0123456789-abcdef"));
  }

  @Test
  void algNoneInAnySpelling() {
    assertUnauthorized(TestJwts.unsigned("none", claims()));
    assertUnauthorized(TestJwts.unsigned("NoNe", claims()));
  }

  @Test
  void missingSub() {
    JsonObject claims = claims();
    claims.remove("sub");
    assertUnauthorized(TestJwts.hs256(claims));
    assertUnauthorized(TestJwts.hs256(claims().put("sub", "")));
  }

  @Test
  void missingTid() {
    JsonObject claims = claims();
    claims.remove("tid");
    assertUnauthorized(TestJwts.hs256(claims));
    assertUnauthorized(TestJwts.hs256(claims().put("tid", 42)));
  }

  @Test
  void anRs256TokenWithoutAConfiguredPublicKey() {
    assertUnauthorized(TestJwts.rs256(claims(), TestJwts.rsaKeyPair().getPrivate()));
  }

  /** A gateway configured with JWT_PUBLIC_KEY (RS256) as well as the HS256 secret. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithAPublicKey {
    KeyPair keys;
    String pem;
    TestGateway gateway;
    Http direct;
    AllmineCalls rs;

    @BeforeAll
    void start() {
      keys = TestJwts.rsaKeyPair();
      pem = TestJwts.pem(keys.getPublic());
      gateway = TestGateway.start(c -> new GatewayConfig(c.http(), c.database(), c.adminToken(),
          new GatewayConfig.Jwt(c.jwt().secret(), Optional.of(pem), 30), c.auth(), c.mirage(), c.imports(), c.pages(), c.instances()));
      direct = new Http(gateway.port());
      rs = new AllmineCalls(direct);
    }

    @AfterAll
    void stop() {
      direct.close();
      gateway.close();
    }

    @Test
    void anRs256TokenSignedWithThePrivateKeyIsAccepted() {
      Http.Response response = rs.bearer("chat", "", TestJwts.rs256(claims(), keys.getPrivate()));
      assertEquals(200, response.status(), response.body());
      assertEquals(expected, response.body());
    }

    @Test
    void anHs256TokenSignedWithThePublicKeysBytesIsRejected() {
      JsonObject header = new JsonObject().put("alg", "HS256").put("typ", "JWT");
      String signingInput = TestJwts.part(header) + "." + TestJwts.part(claims());
      for (byte[] key : new byte[][] {pem.getBytes(StandardCharsets.US_ASCII), keys.getPublic().getEncoded()}) {
        String forged = signingInput + "." + TestJwts.hmac(signingInput, key);
        assertError(rs.bearer("chat", "", forged), 401, "Authentication required");
      }
    }

    @Test
    void anRs256TokenSignedWithAnotherKeyIsRejected() {
      assertError(rs.bearer("chat", "", TestJwts.rs256(claims(), TestJwts.rsaKeyPair().getPrivate())),
          401, "Authentication required");
    }

    @Test
    void theHs256SecretStillWorks() {
      assertEquals(expected, rs.bearer("chat", "", TestJwts.valid(data.tenant(), "u1")).body());
    }
  }
}
