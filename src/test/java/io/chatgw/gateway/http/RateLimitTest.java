package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.http.CredentialDoor.Bundle;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LimitedTenant;
import io.chatgw.gateway.support.RateLimitHeaders;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, "Fair sharing": a tenant with {@code "rateLimit": {"perSecond": 1, "burst": 3}} is
 * served three requests, and the fourth is a 429 in the route's own error format with
 * {@code Retry-After} and the draft-11 {@code RateLimit} / {@code RateLimit-Policy} fields, on
 * every dialect. Another tenant (no limit of its own, the default off) is served meanwhile, without
 * rate-limit fields. Once a token is back, the limited tenant is served again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

  static final JsonObject ONE_A_SECOND_BURST_3 = new JsonObject().put("perSecond", 1).put("burst", 3);

  Http http;

  @BeforeAll
  void start() {
    http = new Http(TestGateway.shared().port());
  }

  @AfterAll
  void close() {
    http.close();
  }

  @TestFactory
  Stream<DynamicTest> theFourthRequestOfABurstOfThreeIs429InTheRoutesFormat() {
    return CredentialDoor.all().stream().map(door -> DynamicTest.dynamicTest(door.name(), () -> {
      Bundle limited = bundle(LimitedTenant.load(http, "rate-a", ONE_A_SECOND_BURST_3));
      Bundle other = bundle(LimitedTenant.load(http, "rate-b", null));

      for (int served = 1; served <= 3; served++) {
        Http.Response ok = door.send(http, door.roomUri(), limited);
        assertServed(ok);
        RateLimitHeaders fields = RateLimitHeaders.of(ok);
        assertEquals(new RateLimitHeaders("tenant", 1, 1, 3, 3 - served, 1), fields);
      }
      Http.Response over = door.send(http, door.roomUri(), limited);
      door.tooManyRequests().accept(over);
      long retryAfter = RateLimitHeaders.retryAfter(over);
      RateLimitHeaders fields = RateLimitHeaders.of(over);
      assertEquals(0, fields.remaining());
      assertTrue(fields.resetSeconds() >= 1 && retryAfter >= fields.resetSeconds(),
          "Retry-After no earlier than the end of the effective window: " + over.headers());
      assertEquals(new RateLimitHeaders("tenant", 1, 1, 3, 0, fields.resetSeconds()), fields);

      for (int i = 0; i < 5; i++) {
        Http.Response otherTenant = door.send(http, door.roomUri(), other);
        assertServed(otherTenant);
        RateLimitHeaders.assertNone(otherTenant);
      }

      assertServedAgainWithin(door, limited, retryAfter);
    }));
  }

  /** Sleeps (on the JUnit thread) for Retry-After, then asks again a few times: a token is back. */
  private void assertServedAgainWithin(CredentialDoor door, Bundle limited, long retryAfter)
      throws InterruptedException {
    Thread.sleep(retryAfter * 1000);
    Http.Response again = door.send(http, door.roomUri(), limited);
    for (int tries = 0; again.status() == 429 && tries < 20; tries++) {
      Thread.sleep(100);
      again = door.send(http, door.roomUri(), limited);
    }
    assertServed(again);
  }

  private static Bundle bundle(LimitedTenant tenant) {
    return new Bundle(tenant.sessionToken(), tenant.jwt(), tenant.apiKey());
  }

  private static void assertServed(Http.Response response) {
    assertEquals(200, response.status(), response.body());
    assertTrue(response.body().contains(TwoTenants.TEXT), response.body());
  }
}
