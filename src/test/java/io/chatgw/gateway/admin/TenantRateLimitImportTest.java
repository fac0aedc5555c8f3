package io.chatgw.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * admin-api.md, "Limits a tenant can be given": a tenant's {@code "rateLimit": {"perSecond": n,
 * "burst": m}} holds positive integers, anything else is a 400 invalid_entity naming the member;
 * the limit is stored with the tenant, and a re-imported tenant without it (or with {@code null})
 * goes back to the configured default (docs/decisions.md, Fair sharing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantRateLimitImportTest {

  Http http;
  Admin admin;

  @BeforeAll
  void open() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
  }

  @AfterAll
  void close() {
    http.close();
  }

  record Bad(String name, String rateLimitJson, String path) {}

  static Stream<Bad> badLimits() {
    return Stream.of(
        new Bad("perSecond 0", "{\"perSecond\":0,\"burst\":3}", "rateLimit.perSecond"),
        new Bad("perSecond -1", "{\"perSecond\":-1,\"burst\":3}", "rateLimit.perSecond"),
        new Bad("perSecond \"5\"", "{\"perSecond\":\"5\",\"burst\":3}", "rateLimit.perSecond"),
        new Bad("perSecond 1.5", "{\"perSecond\":1.5,\"burst\":3}", "rateLimit.perSecond"),
        new Bad("perSecond over 2^31-1", "{\"perSecond\":2147483648,\"burst\":3}", "rateLimit.perSecond"),
        new Bad("burst 0", "{\"perSecond\":1,\"burst\":0}", "rateLimit.burst"),
        new Bad("burst -1", "{\"perSecond\":1,\"burst\":-1}", "rateLimit.burst"),
        new Bad("burst \"5\"", "{\"perSecond\":1,\"burst\":\"5\"}", "rateLimit.burst"),
        new Bad("burst 1.5", "{\"perSecond\":1,\"burst\":1.5}", "rateLimit.burst"),
        new Bad("burst missing", "{\"perSecond\":1}", "rateLimit.burst"),
        new Bad("perSecond missing", "{\"burst\":3}", "rateLimit.perSecond"),
        new Bad("perSecond null", "{\"perSecond\":null,\"burst\":3}", "rateLimit.perSecond"),
        new Bad("an unknown member", "{\"perSecond\":1,\"burst\":3,\"perMinute\":60}", "rateLimit.perMinute"),
        new Bad("not an object", "5", "rateLimit"),
        new Bad("an array", "[1,3]", "rateLimit"));
  }

  @TestFactory
  Stream<DynamicTest> aBadRateLimitIs400WithThePathInADocument() {
    return badLimits().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
      String id = newId();
      String body = "{\"tenants\":[{\"id\":\"" + id + "\",\"rateLimit\":" + bad.rateLimitJson() + "}]}";
      Http.Response response = admin.importJson(new JsonObject(body));
      assertInvalid(response, "tenants[0]." + bad.path());
      assertEquals(0, tenantCount(id), "nothing of the document is stored");
    }));
  }

  @TestFactory
  Stream<DynamicTest> aBadRateLimitIs400WithThePathInNdjson() {
    return badLimits().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
      String good = newId();
      String lines = "{\"kind\":\"tenant\",\"id\":\"" + good + "\"}\n"
          + "{\"kind\":\"tenant\",\"id\":\"" + newId() + "\",\"rateLimit\":" + bad.rateLimitJson() + "}\n";
      Http.Response response = admin.importNdjson(lines);
      assertInvalid(response, "line 2." + bad.path());
      assertEquals(2, response.json().getInteger("line"));
      assertEquals(1, response.json().getInteger("committed"));
    }));
  }

  @Test
  void theLimitIsStoredAndAReimportWithoutItOrWithNullClearsIt() {
    String id = newId();
    JsonObject limit = new JsonObject().put("perSecond", 5).put("burst", 20);
    admin.load(tenant(id, limit, true));
    assertStored(id, 5, 20);

    admin.load(tenant(id, new JsonObject().put("perSecond", 2).put("burst", 4), true));
    assertStored(id, 2, 4);

    admin.load(tenant(id, null, false));
    assertStored(id, null, null);

    admin.load(tenant(id, limit, true));
    admin.load(tenant(id, null, true));
    assertStored(id, null, null);

    Http.Response ndjson = admin.importNdjson("{\"kind\":\"tenant\",\"id\":\"" + id
        + "\",\"rateLimit\":{\"perSecond\":7,\"burst\":9}}\n");
    assertEquals(200, ndjson.status(), ndjson.body());
    assertStored(id, 7, 9);
  }

  private static JsonObject tenant(String id, JsonObject rateLimit, boolean present) {
    JsonObject tenant = new JsonObject().put("id", id);
    if (present) {
      tenant.put("rateLimit", rateLimit);
    }
    return new JsonObject().put("tenants", new JsonArray().add(tenant));
  }

  private void assertStored(String id, Integer perSecond, Integer burst) {
    Row row = TestGateway.shared().sql()
        .preparedQuery("SELECT rate_per_second, rate_burst FROM tenant WHERE id = $1")
        .execute(Tuple.of(id)).await().iterator().next();
    if (perSecond == null) {
      assertNull(row.getInteger(0));
      assertNull(row.getInteger(1));
    } else {
      assertEquals(perSecond, row.getInteger(0));
      assertEquals(burst, row.getInteger(1));
    }
  }

  private static void assertInvalid(Http.Response response, String path) {
    assertEquals(400, response.status(), response.body());
    assertEquals("invalid_entity", response.json().getString("error"));
    assertEquals(path, response.json().getString("path"), response.body());
  }

  private long tenantCount(String id) {
    return TestGateway.shared().sql().preparedQuery("SELECT count(*) FROM tenant WHERE id = $1")
        .execute(Tuple.of(id)).await().iterator().next().getLong(0);
  }

  private static String newId() {
    return "rl-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
