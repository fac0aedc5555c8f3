package io.chatgw.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.SseClient;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "Never skip a late commit", at the feed: import A writes its messages first, then
 * waits for a row lock this test holds; import B writes and commits meanwhile, and its event is
 * delivered; once A commits its messages are delivered too, after B's — none skipped, none twice,
 * and among themselves in timeline order (all three have one createdAt; blocker was inserted first).
 * (admin/ChangePositionTest proves the same of the store's tail read.)
 */
class LateCommitFeedTest {

  @Test
  void theFirstImportToWriteButTheLastToCommitIsStillDelivered() throws Exception {
    TestGateway gateway = TestGateway.shared();
    Vertx vertx = Vertx.vertx();
    try (Http http = new Http(gateway.port())) {
      Admin admin = new Admin(http);
      FeedRoom room = FeedRoom.load(admin, "late-commit");
      room.say("blocker", "held by the test");
      try (SseClient sse = SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r",
          "Authorization", "Bearer " + room.jwt())) {
        sse.assertStatus(200);
        String start = sse.startId();
        SqlConnection holder = gateway.sql().getConnection().await();
        Transaction held = holder.begin().await();
        holder.preparedQuery("SELECT 1 FROM message WHERE tenant_id = $1 AND id = 'blocker' FOR UPDATE")
            .execute(Tuple.of(room.tenant())).await();
        JsonArray early = new JsonArray();
        for (String id : List.of("early-1", "early-2", "blocker")) {
          early.add(FeedRoom.message(id, id + " from A").put("tenant", room.tenant()));
        }
        CompletableFuture<Http.Response> a;
        SseClient.Event b;
        try (Http httpA = new Http(gateway.port())) {
          a = CompletableFuture.supplyAsync(() -> new Admin(httpA).importJson(new JsonObject().put("messages", early)));
          Eventually.eventually(Duration.ofSeconds(20), "import A has written early-1 and waits for the test's lock",
              () -> gateway.sql().preparedQuery("""
                  SELECT count(*) FROM pg_stat_activity
                   WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO message%'""").execute().await()
                  .iterator().next().getLong(0) == 1);

          room.say("late-1", "from B, committed first");
          b = sse.next(Duration.ofSeconds(5));
          assertEquals("late-1", b.json().getString("id"));

          held.commit().await();
          holder.close().await();
          assertEquals(200, a.get(30, TimeUnit.SECONDS).status());
        }
        List<SseClient.Event> late = sse.take(3, Duration.ofSeconds(5));
        // the positions of one import follow the timeline (ChangePositionTest): blocker is oldest
        assertEquals(List.of("blocker", "early-1", "early-2"),
            late.stream().map(e -> e.json().getString("id")).toList());
        FeedResumeTest.assertIncreasing(start, List.of(b, late.get(0), late.get(1), late.get(2)));
        sse.assertNoEvent(Duration.ofMillis(300));
      }
    } finally {
      vertx.close().await();
    }
  }
}
