package io.chatgw.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.FeedLimits;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.dialect.v1.Cursors;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.ListenerMetrics;
import io.chatgw.gateway.support.LogCapture;
import io.chatgw.gateway.support.SseClient;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * native-api.md, "Live delivery": a client resumes with {@code Last-Event-ID} (or {@code
 * ?lastEventId=}) and receives every change after that cursor, in order, exactly once — also after
 * the instance it was on went away and it reconnects to another one; a comment line keeps the
 * stream warm; the {@code access_token} stays out of the logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedResumeTest {

  static final Duration SOON = Duration.ofSeconds(5);
  static final UnaryOperator<GatewayConfig> ONE_SECOND_HEARTBEAT = c -> c.withFeed(new FeedLimits(1,
      FeedLimits.DEFAULTS.maxSubscribers(), FeedLimits.DEFAULTS.maxPerTenant(), FeedLimits.DEFAULTS.maxRooms(),
      FeedLimits.DEFAULTS.pageRows(), FeedLimits.DEFAULTS.maxQueuedBytes(), FeedLimits.DEFAULTS.maxFrameBytes()));

  TestGateway one;
  TestGateway two;
  Http http1;
  Http http2;
  Admin admin;
  Vertx vertx;

  @BeforeAll
  void start() {
    one = TestGateway.start(ONE_SECOND_HEARTBEAT);
    two = TestGateway.start(ONE_SECOND_HEARTBEAT);
    http1 = new Http(one.port());
    http2 = new Http(two.port());
    admin = new Admin(http1);
    ListenerMetrics.awaitListening(http1);
    ListenerMetrics.awaitListening(http2);
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
    http1.close();
    http2.close();
    one.close();
    two.close();
  }

  SseClient events(TestGateway gateway, FeedRoom room, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + room.jwt();
    System.arraycopy(headers, 0, all, 2, headers.length);
    SseClient sse = SseClient.open(vertx, gateway.port(), "/v1/events?rooms=r", all);
    sse.assertStatus(200);
    return sse;
  }

  static List<String> ids(List<SseClient.Event> events) {
    return events.stream().map(e -> e.json().getString("id")).toList();
  }

  @Test
  void aDroppedStreamResumesAfterItsLastEventExactlyOnceInOrder() {
    FeedRoom room = FeedRoom.load(admin, "resume");
    String lastSeen;
    try (SseClient sse = events(one, room)) {
      sse.startId();
      room.say("m1", "one");
      room.say("m2", "two");
      room.say("m3", "three");
      List<SseClient.Event> seen = sse.take(3, SOON);
      assertEquals(List.of("m1", "m2", "m3"), ids(seen));
      lastSeen = seen.get(1).id(); // the connection "dropped" after m2: m3 was not read
    }
    room.say("m4", "four");
    room.put(FeedRoom.message("m1", "one, edited"));
    try (SseClient sse = events(one, room, "Last-Event-ID", lastSeen)) {
      List<SseClient.Event> resumed = sse.take(3, SOON);
      assertEquals(List.of("m3", "m4", "m1"), ids(resumed));
      assertEquals("one, edited", resumed.get(2).json().getString("text"));
      assertIncreasing(lastSeen, resumed);
      room.say("m5", "live again");
      assertEquals("m5", sse.next(SOON).json().getString("id"));
      sse.assertNoEvent(Duration.ofMillis(300));
    }
  }

  @Test
  void aStreamResumesOnASecondInstanceOfTheSameDatabase() {
    FeedRoom room = FeedRoom.load(admin, "resume-two");
    String lastSeen;
    try (SseClient sse = events(one, room)) {
      sse.startId();
      IntStream.rangeClosed(1, 3).forEach(i -> room.say("m" + i, "message " + i));
      lastSeen = sse.take(3, SOON).get(2).id();
    }
    IntStream.rangeClosed(4, 6).forEach(i -> room.say("m" + i, "message " + i)); // while no one listens
    try (SseClient sse = SseClient.open(vertx, two.port(), "/v1/events?rooms=r&lastEventId=" + lastSeen,
        "Authorization", "Bearer " + room.jwt())) {
      sse.assertStatus(200);
      List<SseClient.Event> resumed = sse.take(3, SOON);
      assertEquals(List.of("m4", "m5", "m6"), ids(resumed));
      assertIncreasing(lastSeen, resumed);
      room.say("m7", "imported through the first instance");
      assertEquals("m7", sse.next(SOON).json().getString("id"));
      sse.assertNoEvent(Duration.ofMillis(300));
    }
  }

  @Test
  void aResumeLongerThanOnePageArrivesWhole() {
    FeedRoom room = FeedRoom.load(admin, "resume-pages");
    String start;
    try (SseClient sse = events(one, room)) {
      start = sse.startId();
    }
    int n = one.config().feed().pageRows() + 7;
    io.chatgw.gateway.support.Docs d = io.chatgw.gateway.support.Docs.forTenant(room.tenant());
    for (int i = 0; i < n; i++) {
      d.message(FeedRoom.message("p" + i, "page " + i));
    }
    admin.load(d.json());
    try (SseClient sse = events(two, room, "Last-Event-ID", start)) {
      List<SseClient.Event> all = sse.take(n, SOON);
      assertEquals(IntStream.range(0, n).mapToObj(i -> "p" + i).toList(), ids(all));
      assertIncreasing(start, all);
      sse.assertNoEvent(Duration.ofMillis(300));
    }
  }

  @Test
  void aQuietStreamGetsACommentLineEveryHeartbeat() {
    FeedRoom room = FeedRoom.load(admin, "heartbeat");
    try (SseClient sse = events(one, room)) {
      Eventually.eventually(Duration.ofSeconds(5), "two heartbeats", () -> sse.comments() >= 2);
      assertFalse(sse.ended());
    }
  }

  @Test
  void theAccessTokenIsNotLogged() {
    FeedRoom room = FeedRoom.load(admin, "masked");
    try (LogCapture captured = LogCapture.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "access")) {
      try (SseClient sse = SseClient.open(vertx, one.port(), "/v1/events?rooms=r&access_token=" + room.jwt())) {
        sse.assertStatus(200);
        sse.startId();
      }
      SseClient.open(vertx, one.port(), "/v1/events?rooms=nowhere&access_token=" + room.jwt()).close();
      Eventually.eventually(Duration.ofSeconds(5), "both requests logged",
          () -> captured.lines().stream().filter(l -> l.contains("/v1/events")).count() >= 2);
      List<String> lines = captured.lines();
      assertTrue(lines.stream().anyMatch(l -> l.contains("access_token=***")), lines.toString());
      assertTrue(lines.stream().noneMatch(l -> l.contains(room.jwt())), lines.toString());
    }
  }

  static void assertIncreasing(String after, List<SseClient.Event> events) {
    long previous = Cursors.feed(after, "after");
    for (SseClient.Event event : events) {
      long position = Cursors.feed(event.id(), "id");
      assertTrue(position > previous, "positions " + previous + " then " + position);
      previous = position;
    }
  }
}
