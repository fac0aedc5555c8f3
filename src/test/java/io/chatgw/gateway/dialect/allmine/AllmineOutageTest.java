package io.chatgw.gateway.dialect.allmine;

import static io.chatgw.gateway.dialect.allmine.AllmineCalls.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * dialects.md, common rules: a database outage answers 503 in Allmine's wrapper, and the gateway
 * recovers by itself when the database is back. The outage is a cut proxy in front of the test
 * database, so nothing else in the run notices.
 */
class AllmineOutageTest {

  @Test
  void aDatabaseOutageIs503InTheWrapperAndServiceComesBackWithTheDatabase() throws Exception {
    Docs data = Docs.newTenant("allmine-outage").user("u1", "john").room("chat", 1, "u1")
        .message("m1", "chat", "u1", "hi", Instant.parse("2024-01-15T10:30:00Z"));
    try (Http shared = new Http(TestGateway.shared().port())) {
      new Admin(shared).load(data.json());
    }
    String jwt = TestJwts.valid(data.tenant(), "u1");
    try (DatabaseProxy proxy = new DatabaseProxy(TestGateway.shared().config().database().url().orElseThrow());
        TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(proxy.url()));
        Http http = new Http(gateway.port())) {
      AllmineCalls allmine = new AllmineCalls(http);
      Http.Response before = allmine.bearer("chat", "", jwt);
      assertEquals(200, before.status(), before.body());

      proxy.cut();
      assertError(allmine.bearer("chat", "", jwt), 503, "Service unavailable");
      // authentication and validation need no database: their answers do not change
      assertError(allmine.bearer("chat", "", "garbage"), 401, "Authentication required");
      assertError(allmine.bearer("chat", "?limit=0", jwt), 400, "Validation failed", "limit must be between 1 and 100");

      proxy.restore();
      Http.Response after = allmine.bearer("chat", "", jwt);
      for (int attempt = 0; after.status() != 200 && attempt < 50; attempt++) {
        Thread.sleep(100);
        after = allmine.bearer("chat", "", jwt);
      }
      assertEquals(200, after.status(), after.body());
      assertEquals(before.body(), after.body());
    }
  }
}
