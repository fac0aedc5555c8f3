package io.chatgw.gateway.dialect.meetinglawyers;

import static io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient.assertError;
import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.FaultyDatabase;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dialects.md, common rules: a database outage is 503 in this dialect's format, and heals itself.
 * The outage is a {@link FaultyDatabase} cut, so nothing else in the run notices.
 */
class MeetingLawyersOutageTest {

  static final String UNAVAILABLE = "service unavailable";

  @Test
  void aDatabaseOutageIs503InTheDialectsShapeAndRecoversByItself() {
    Http shared = new Http(TestGateway.shared().port());
    Docs data = Docs.newTenant("ml-outage").user("u1", "u").room("r", 1, "u1")
        .message("m1", "r", "u1", "hello", Instant.now().minusSeconds(5));
    new Admin(shared).load(data.json());
    MeetingLawyersClient cached = MeetingLawyersClient.of(shared, data.tenant(), "u1");
    MeetingLawyersClient uncached = MeetingLawyersClient.of(shared, data.tenant(), "u1");
    shared.close();

    try (FaultyDatabase database = new FaultyDatabase();
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(database.url()));
        Http http = new Http(gateway.port())) {
      MeetingLawyersClient client = new MeetingLawyersClient(http, cached.apiKey(), cached.jwt());
      assertEquals(List.of("m1"), client.ids("room=1"));

      database.cut();
      assertError(client.get("room=1"), 503, UNAVAILABLE);
      assertError(client.get("room=1&pivot=m1"), 503, UNAVAILABLE);
      assertError(new MeetingLawyersClient(http, uncached.apiKey(), uncached.jwt()).get("room=1"),
          503, UNAVAILABLE);
      // what needs no database still answers: a bad token, and (with a known key) bad input
      assertError(client.as("garbage").get("room=1"), 401, "invalid or missing credentials");
      assertError(client.get("room=abc"), 400, "room must be a positive integer");

      database.restore();
      eventually(Duration.ofSeconds(10), "MeetingLawyers serves the room again after the outage",
          () -> client.get("room=1"), r -> r.status() == 200);
      assertEquals(List.of("m1"), client.ids("room=1"));
    }
  }
}
