package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LimitedTenant;
import io.chatgw.gateway.support.RateLimitHeaders;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Which limit applies (admin-api.md, "Limits a tenant can be given"; docs/decisions.md, Fair
 * sharing): a tenant's own {@code rateLimit}, else the configured default, which is off unless
 * configured; re-importing the tenant without the member (or with {@code null}) sets it back.
 */
class RateLimitDefaultTest {

  private static final String ROOM = DeadSimpleChatClient.path(TwoTenants.ROOM_ID, null);

  @Test
  void theConfiguredDefaultAppliesToATenantWithoutALimitOfItsOwn() {
    try (TestGateway gateway = TestGateway.start(c -> c.withRateLimit(new GatewayConfig.RateLimiting(1, 2, 100)));
        Http http = new Http(gateway.port())) {
      LimitedTenant plain = LimitedTenant.load(http, "default-rate", null);
      LimitedTenant own = LimitedTenant.load(http, "own-rate", new JsonObject().put("perSecond", 1).put("burst", 5));

      assertEquals(new RateLimitHeaders("tenant", 1, 1, 2, 1, 1), RateLimitHeaders.of(served(http, plain)));
      assertEquals(new RateLimitHeaders("tenant", 1, 1, 2, 0, 1), RateLimitHeaders.of(served(http, plain)));
      assertEquals(429, read(http, plain).status());

      for (int remaining = 4; remaining >= 0; remaining--) {
        assertEquals(remaining, RateLimitHeaders.of(served(http, own)).remaining(), "its own burst of 5");
      }
      assertEquals(429, read(http, own).status());
    }
  }

  @Test
  void withTheDefaultOffATenantWithoutALimitIsNeverRefusedAndGetsNoRateLimitFields() {
    Http http = new Http(TestGateway.shared().port());
    LimitedTenant plain = LimitedTenant.load(http, "no-rate", null);
    for (int i = 0; i < 20; i++) {
      RateLimitHeaders.assertNone(served(http, plain));
    }
    http.close();
  }

  @Test
  void reimportingTheTenantWithoutTheMemberOrWithNullClearsItsLimit() {
    Http http = new Http(TestGateway.shared().port());
    Admin admin = new Admin(http);
    JsonObject oneAtATime = new JsonObject().put("perSecond", 1).put("burst", 1);
    LimitedTenant tenant = LimitedTenant.load(http, "reimport-rate", oneAtATime);
    served(http, tenant);
    assertEquals(429, read(http, tenant).status());

    admin.load(tenant.tenantDocument(null, false));
    for (int i = 0; i < 5; i++) {
      RateLimitHeaders.assertNone(served(http, tenant));
    }

    admin.load(tenant.tenantDocument(oneAtATime, true));
    read(http, tenant);
    assertEquals(429, read(http, tenant).status(), "the limit given again is enforced again");

    admin.load(tenant.tenantDocument(null, true));
    RateLimitHeaders.assertNone(served(http, tenant));
    http.close();
  }

  private static Http.Response served(Http http, LimitedTenant tenant) {
    Http.Response response = read(http, tenant);
    assertEquals(200, response.status(), response.body());
    return response;
  }

  private static Http.Response read(Http http, LimitedTenant tenant) {
    return http.get(ROOM + "?auth=" + URLEncoder.encode(tenant.apiKey(), StandardCharsets.UTF_8));
  }
}
