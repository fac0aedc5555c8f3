package io.chatgw.gateway.dialect.allmine;

import static io.chatgw.gateway.dialect.allmine.AllmineClient.assertError;
import static io.chatgw.gateway.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.FaultyDatabase;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * dialects.md, common rules: a database outage answers 503 in Allmine's wrapper, and the gateway
 * recovers by itself when the database is back. The outage is a {@link FaultyDatabase} cut, so
 * nothing else in the run notices.
 */
class AllmineOutageTest {

  @Test
  void aDatabaseOutageIs503InTheWrapperAndServiceComesBackWithTheDatabase() {
    Docs data = Docs.newTenant("allmine-outage").user("u1", "john").room("chat", 1, "u1")
        .message("m1", "chat", "u1", "hi", Instant.parse("2024-01-15T10:30:00Z"));
    try (Http shared = new Http(TestGateway.shared().port())) {
      new Admin(shared).load(data.json());
    }
    String jwt = TestJwts.valid(data.tenant(), "u1");
    try (FaultyDatabase database = new FaultyDatabase();
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(database.url()));
        Http http = new Http(gateway.port())) {
      AllmineClient allmine = new AllmineClient(http);
      Http.Response before = allmine.bearer("chat", "", jwt);
      assertEquals(200, before.status(), before.body());

      database.cut();
      assertError(allmine.bearer("chat", "", jwt), 503, "Service unavailable");
      // authentication and validation need no database: their answers do not change
      assertError(allmine.bearer("chat", "", "garbage"), 401, "Authentication required");
      assertError(allmine.bearer("chat", "?limit=0", jwt), 400, "Validation failed", "limit must be between 1 and 100");

      database.restore();
      Http.Response after = eventually(Duration.ofSeconds(10), "Allmine serves the chat again after the outage",
          () -> allmine.bearer("chat", "", jwt), r -> r.status() == 200);
      assertEquals(before.body(), after.body());
    }
  }
}
