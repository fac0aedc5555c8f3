package io.chatgw.gateway.dialect.meetinglawyers;

import static io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestPostgres;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dialects.md, common rules: a database outage is 503 in this dialect's format, and heals itself. */
class MeetingLawyersOutageTest {

  static final String UNAVAILABLE = "service unavailable";

  @Test
  void aDatabaseOutageIs503InTheDialectsShapeAndRecoversByItself() throws Exception {
    Http shared = new Http(TestGateway.shared().port());
    Docs data = Docs.newTenant("ml-outage").user("u1", "u").room("r", 1, "u1")
        .message("m1", "r", "u1", "hello", Instant.now().minusSeconds(5));
    new Admin(shared).load(data.json());
    MeetingLawyersClient cached = MeetingLawyersClient.of(shared, data.tenant(), "u1");
    MeetingLawyersClient uncached = MeetingLawyersClient.of(shared, data.tenant(), "u1");
    shared.close();

    try (CuttableProxy proxy = new CuttableProxy(TestPostgres.url());
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(
            CuttableProxy.through(TestPostgres.url(), proxy.port())));
        Http http = new Http(gateway.port())) {
      MeetingLawyersClient client = new MeetingLawyersClient(http, cached.apiKey(), cached.jwt());
      assertEquals(List.of("m1"), client.ids("room=1"));

      proxy.cut();
      assertError(client.get("room=1"), 503, UNAVAILABLE);
      assertError(client.get("room=1&pivot=m1"), 503, UNAVAILABLE);
      assertError(new MeetingLawyersClient(http, uncached.apiKey(), uncached.jwt()).get("room=1"),
          503, UNAVAILABLE);
      // what needs no database still answers: a bad token, and (with a known key) bad input
      assertError(client.as("garbage").get("room=1"), 401, "invalid or missing credentials");
      assertError(client.get("room=abc"), 400, "room must be a positive integer");

      proxy.restore();
      Http.Response healed = client.get("room=1");
      for (int attempt = 0; attempt < 100 && healed.status() != 200; attempt++) {
        Thread.sleep(100);
        healed = client.get("room=1");
      }
      assertEquals(200, healed.status(), healed.body());
      assertEquals(List.of("m1"), client.ids("room=1"));
    }
  }
}
