package io.chatgw.gateway.dialect.meetinglawyers;

import static io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient.assertError;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** dialects.md "Tokens", as MeetingLawyers answers them: anything not fully valid is its 401. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLawyersJwtTest {

  static final String UNAUTHORIZED = "invalid or missing credentials";

  Http http;
  Docs data;
  MeetingLawyersClient client;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    data = Docs.newTenant("ml-jwt").user("u1", "u").room("r", 1, "u1")
        .message("m1", "r", "u1", "hello", Instant.now().minusSeconds(5));
    new Admin(http).load(data.json());
    client = MeetingLawyersClient.of(http, data.tenant(), "u1");
  }

  @AfterAll
  void close() {
    http.close();
  }

  JsonObject claims() {
    return TestJwts.claims(data.tenant(), "u1");
  }

  Http.Response with(String jwt) {
    return client.as(jwt).get("room=1");
  }

  @Test
  void aValidTokenAndAMintedOneAreAccepted() {
    assertEquals(200, with(TestJwts.hs256(claims())).status());
    assertEquals(List.of("m1"), client.ids("room=1"));
  }

  @Test
  void anExpiredToken() {
    assertError(with(TestJwts.hs256(claims().put("exp", TestJwts.now() - 3600))), 401, UNAUTHORIZED);
  }

  @Test
  void expiryHasThirtySecondsOfLeeway() {
    assertEquals(200, with(TestJwts.hs256(claims().put("exp", TestJwts.now() - 5))).status());
    assertError(with(TestJwts.hs256(claims().put("exp", TestJwts.now() - 120))), 401, UNAUTHORIZED);
  }

  @Test
  void aTokenWithoutExpiry() {
    JsonObject noExp = claims();
    noExp.remove("exp");
    assertError(with(TestJwts.hs256(noExp)), 401, UNAUTHORIZED);
  }

  @Test
  void aTokenNotValidBeforeAFutureTime() {
    assertError(with(TestJwts.hs256(claims().put("nbf", TestJwts.now() + 3600))), 401, UNAUTHORIZED);
    assertEquals(200, with(TestJwts.hs256(claims().put("nbf", TestJwts.now() - 10))).status());
  }

  @Test
  void aTokenIssuedInTheFuture() {
    assertError(with(TestJwts.hs256(claims().put("iat", TestJwts.now() + 3600))), 401, UNAUTHORIZED);
  }

  @Test
  void aWrongSignature() {
    JsonObject header = new JsonObject().put("alg", "HS256").put("typ", "JWT");
    assertError(with(TestJwts.hs256(header, claims(), "another-secret-of-enough-length-0123456789")),
        401, UNAUTHORIZED);
    String good = TestJwts.hs256(claims());
    String[] parts = good.split("\\.");
    String otherUser = TestJwts.part(claims().put("sub", "u2"));
    assertError(with(parts[0] + "." + otherUser + "." + parts[2]), 401, UNAUTHORIZED);
  }

  @Test
  void algNoneInAnySpelling() {
    for (String alg : List.of("none", "None", "NONE", "nOnE")) {
      assertError(with(TestJwts.unsigned(alg, claims())), 401, UNAUTHORIZED);
    }
  }

  @Test
  void anUnknownAlgorithm() {
    JsonObject header = new JsonObject().put("alg", "HS512").put("typ", "JWT");
    assertError(with(TestJwts.hs256(header, claims(), TestGateway.JWT_SECRET)), 401, UNAUTHORIZED);
  }

  @Test
  void aMissingOrEmptySubjectOrTenant() {
    for (String claim : List.of("sub", "tid")) {
      JsonObject missing = claims();
      missing.remove(claim);
      assertError(with(TestJwts.hs256(missing)), 401, UNAUTHORIZED);
      assertError(with(TestJwts.hs256(claims().put(claim, ""))), 401, UNAUTHORIZED);
      assertError(with(TestJwts.hs256(claims().put(claim, 42))), 401, UNAUTHORIZED);
    }
  }

  @Test
  void aTokenOfAnotherTenantWithThisTenantsKey() {
    assertError(with(TestJwts.valid("ml-jwt-elsewhere", "u1")), 401, UNAUTHORIZED);
  }

  @Test
  void withAPublicKeyConfiguredRs256IsAcceptedAndHs256SignedWithThePublicKeyIsNot() {
    KeyPair pair = TestJwts.rsaKeyPair();
    String pem = TestJwts.pem(pair.getPublic());
    try (TestGateway rs = TestGateway.start(c -> new GatewayConfig(c.http(), c.database(), c.adminToken(),
            new GatewayConfig.Jwt(c.jwt().secret(), Optional.of(pem), 30), c.auth(), c.mirage(), c.imports(), c.pages(), c.instances()));
        Http direct = new Http(rs.port())) {
      MeetingLawyersClient there = new MeetingLawyersClient(direct, client.apiKey(), null);

      Http.Response rs256 = there.as(TestJwts.rs256(claims(), pair.getPrivate())).get("room=1");
      assertEquals(200, rs256.status(), rs256.body());
      assertEquals(List.of("m1"), there.as(TestJwts.rs256(claims(), pair.getPrivate())).ids("room=1"));
      assertEquals(200, there.as(TestJwts.hs256(claims())).get("room=1").status(), "HS256 with the secret still works");

      String header = TestJwts.part(new JsonObject().put("alg", "HS256").put("typ", "JWT"));
      String input = header + "." + TestJwts.part(claims());
      for (byte[] keyBytes : List.of(pem.getBytes(StandardCharsets.US_ASCII), pair.getPublic().getEncoded())) {
        String confused = input + "." + TestJwts.hmac(input, keyBytes);
        assertError(there.as(confused).get("room=1"), 401, UNAUTHORIZED);
      }
      assertError(there.as(TestJwts.rs256(claims(), TestJwts.rsaKeyPair().getPrivate())).get("room=1"),
          401, UNAUTHORIZED);
      String rsHeader = TestJwts.part(new JsonObject().put("alg", "RS256").put("typ", "JWT"));
      String rsInput = rsHeader + "." + TestJwts.part(claims());
      assertError(there.as(rsInput + "." + TestJwts.hmac(rsInput, pem.getBytes(StandardCharsets.US_ASCII)))
          .get("room=1"), 401, UNAUTHORIZED);
    }
  }
}
