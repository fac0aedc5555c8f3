package io.chatgw.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** admin-api.md: minting session tokens, JWTs and API keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsTest {

  Http http;
  Admin admin;
  Docs data;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    data = Docs.newTenant("creds").user("u1", "a").room("r", 5, "u1")
        .message("m", "r", "u1", "hello", Instant.now().minusSeconds(5));
    admin.load(data.json());
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Test
  void mintedCredentialsWorkAndAreStoredOnlyAsHashes() {
    JsonObject tokens = admin.tokens(data.tenant(), "u1");
    assertTrue(Instant.parse(tokens.getString("expiresAt")).isAfter(Instant.now().plusSeconds(3500)));
    assertTrue(tokens.getString("expiresAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    for (String credential : new String[] {tokens.getString("sessionToken"), tokens.getString("jwt")}) {
      assertEquals(200, http.get("/api/get_room_messages?room_id=5", "Authorization", credential).status());
    }
    long clear = TestGateway.shared().sql()
        .preparedQuery("SELECT count(*) FROM session WHERE encode(token_hash, 'escape') = $1")
        .execute(Tuple.of(tokens.getString("sessionToken"))).await().iterator().next().getLong(0);
    assertEquals(0, clear);
  }

  @Test
  void aSessionTokenStopsWorkingWhenItExpires() throws InterruptedException {
    JsonObject tokens = admin.mint(data.tenant(), new JsonObject().put("user", "u1").put("ttlSeconds", 1)).json();
    String token = tokens.getString("sessionToken");
    assertEquals(200, http.get("/api/get_room_messages?room_id=5", "Authorization", token).status());
    Thread.sleep(1_200); // on the JUnit thread: waiting out a real one-second expiry
    assertEquals(401, http.get("/api/get_room_messages?room_id=5", "Authorization", token).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "31536001", "\"3600\"", "1.5", "-1"})
  void ttlOutsideTheRangeOrNotAnIntegerIs400(String ttl) {
    Http.Response response = admin.mint(data.tenant(), new JsonObject("{\"user\":\"u1\",\"ttlSeconds\":" + ttl + "}"));
    assertEquals(400, response.status(), response.body());
    assertEquals("ttlSeconds", response.json().getString("path"));
  }

  @Test
  void unknownTenantOrUserIs404() {
    assertEquals(404, admin.mint(data.tenant(), new JsonObject().put("user", "nobody")).status());
    assertEquals(404, admin.mint("no-such-tenant", new JsonObject().put("user", "u1")).status());
    assertEquals(404, admin.newKey("no-such-tenant").status());
  }

  @Test
  void newApiKeysAreShownOnceAndDiffer() {
    Http.Response first = admin.newKey(data.tenant());
    Http.Response second = admin.newKey(data.tenant());
    assertEquals(201, first.status());
    assertNotEquals(first.json().getString("apiKey"), second.json().getString("apiKey"));
  }
}
