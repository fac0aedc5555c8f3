package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.auth.SecretTokens;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, finding 8: unknown credentials are remembered for a while and their lookups can hold
 * only a bounded part of the database pool, so a flood of made-up keys never refuses another
 * tenant's valid request (it used to fill the pool's wait queue: 34 of 36 valid requests got 503).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnknownCredentialsTest {

  TestGateway gateway;
  Http http;
  TwoTenants tenants;

  @BeforeAll
  void start() {
    gateway = TestGateway.start(c -> {
      GatewayConfig.Database db = c.database();
      return new GatewayConfig(c.http(), new GatewayConfig.Database(db.url(), 4, 16, db.deadlineMillis()),
          c.adminToken(), c.jwt(), new GatewayConfig.Auth(30, 10_000, 30, 1, 16), c.mirage(), c.imports(), c.pages(),
          c.instances());
    });
    http = new Http(gateway.port());
    tenants = TwoTenants.load(http, "unknown");
  }

  @AfterAll
  void stop() {
    http.close();
    gateway.close();
  }

  String page(String key) {
    return "/consumer/api/v1/chatRoom/" + TwoTenants.ROOM_B_ID + "/messages?auth=" + key;
  }

  @Test
  void aFloodOfMadeUpKeysRefusesNoValidRequestOfAnotherTenant() {
    assertEquals(200, http.get(page(tenants.keyB())).status());
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(200));
    try {
      List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> valid = new ArrayList<>();
      for (int i = 0; i < 1500; i++) {
        flood.add(client.get(page("made-up-" + UUID.randomUUID())).send());
        if (i % 25 == 0) {
          valid.add(client.get(page(tenants.keyB())).send());
        }
      }
      Future.join(flood).otherwiseEmpty().await();
      Future.join(valid).otherwiseEmpty().await();
      for (Future<HttpResponse<Buffer>> v : valid) {
        assertEquals(200, v.result().statusCode(), "a valid request was refused: " + v.result().bodyAsString());
      }
      long unauthorized = flood.stream().filter(f -> f.succeeded() && f.result().statusCode() == 401).count();
      long unavailable = flood.stream().filter(f -> f.succeeded() && f.result().statusCode() == 503).count();
      assertEquals(1500, unauthorized + unavailable, "made-up keys are 401, or 503 while lookups are full");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void anUnknownKeyIsRememberedUntilAnImportMayHaveAddedIt() {
    String key = "remembered-" + UUID.randomUUID();
    assertEquals(401, http.get(page(key)).status());
    // stored behind the gateway's back: the remembered answer stands
    gateway.sql().preparedQuery("INSERT INTO api_key (key_hash, tenant_id) VALUES ($1, $2)")
        .execute(Tuple.of(SecretTokens.hash(key), tenants.b())).await();
    assertEquals(401, http.get(page(key)).status(), "the unknown key was looked up again");
    // any import drops what the gateway remembers of credentials
    TwoTenants.load(http, "unknown-again");
    assertEquals(200, http.get(page(key)).status());
  }

  @Test
  void unknownCredentialsAreCounted() {
    http.get(page("counted-" + UUID.randomUUID()));
    String metrics = http.get("/metrics").body();
    assertTrue(metrics.contains("gateway_credentials_unknown_total{kind=\"api_key\"}"), metrics);
  }
}
