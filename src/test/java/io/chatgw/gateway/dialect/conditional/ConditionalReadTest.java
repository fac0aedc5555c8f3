package io.chatgw.gateway.dialect.conditional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Eventually;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.ListenerMetrics;
import io.chatgw.gateway.support.TableLock;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * native-api.md, "Conditional reads, on every history route": every 200 carries a weak ETag; a
 * matching If-None-Match (the tag, a list holding it, or *) is a 304 without a body and with the
 * same ETag; the tag changes with every kind of change that changes the answer (new, edited,
 * deleted, hidden messages, reactions, receipts, a sender's rename) and only then, for the five
 * dialects and the gateway's own route; a 304 does not read the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalReadTest {

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

  /** A tenant with room r (number 1) of u1 and u2, one message, an API key, and u1's JWT. */
  record Tenant(String id, String key, String jwt) {}

  /**
   * Imports and waits for this instance's own change notice of it: the directory drops the
   * tenant's entries when it arrives (moments after the import's answer), and with them its tags.
   */
  void importAndAwaitNotice(JsonObject document) {
    long before = ListenerMetrics.notifications(http);
    admin.load(document);
    ListenerMetrics.awaitNotified(http, before);
  }

  Tenant tenant(String prefix) {
    return tenant(prefix, true);
  }

  /** {@code withMessage}: room r holds m1; else it is empty. */
  Tenant tenant(String prefix, boolean withMessage) {
    Docs d = Docs.newTenant(prefix).user("u1", "alice").user("u2", "bob").room("r", 1, "u1", "u2")
        .room("other", 2, "u1", "u2");
    if (withMessage) {
      d.message(message("m1", "first"));
    }
    importAndAwaitNotice(d.json());
    Http.Response key = admin.newKey(d.tenant());
    assertEquals(201, key.status(), key.body());
    return new Tenant(d.tenant(), key.json().getString("apiKey"), admin.tokens(d.tenant(), "u1").getString("jwt"));
  }

  static JsonObject message(String id, String text) {
    return new JsonObject().put("id", id).put("room", "r").put("sender", "u2").put("text", text)
        .put("createdAt", Instant.now().minusSeconds(60).toString());
  }

  /** One history route: how to ask it for room r as u1. */
  record Route(String name, Function<Tenant, String[]> request) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Route> routes() {
    return List.of(
        new Route("mirage", t -> new String[] {"/api/get_room_messages?room_id=1", "Authorization", t.jwt()}),
        new Route("deadsimplechat", t -> new String[] {"/consumer/api/v1/chatRoom/r/messages?auth=" + t.key()}),
        new Route("allmine", t -> new String[] {"/api/v1/messages/chat/r", "Authorization", "Bearer " + t.jwt()}),
        new Route("meetinglawyers", t -> new String[] {"/chat/message?room=1", "Api-Key", t.key(),
            "Authorization", "Bearer " + t.jwt()}),
        new Route("imkit", t -> new String[] {"/rooms/r/messages/v3", "IM-CLIENT-KEY", t.key(), "IM-Authorization", t.jwt()}),
        new Route("v1", t -> new String[] {"/v1/rooms/r/messages", "Authorization", "Bearer " + t.jwt()}));
  }

  Http.Response get(Route route, Tenant t, String... more) {
    String[] r = route.request().apply(t);
    String[] headers = new String[r.length - 1 + more.length];
    System.arraycopy(r, 1, headers, 0, r.length - 1);
    System.arraycopy(more, 0, headers, r.length - 1, more.length);
    return http.get(r[0], headers);
  }

  /** A 200 with a weak tag; answers the tag. */
  String tagOf(Http.Response response) {
    assertEquals(200, response.status(), response.body());
    String tag = response.header("ETag");
    assertNotNull(tag, "every 200 has an ETag");
    assertTrue(tag.startsWith("W/\"") && tag.endsWith("\""), tag);
    return tag;
  }

  void assertNotModified(Route route, Tenant t, String ifNoneMatch, String tag) {
    Http.Response response = get(route, t, "If-None-Match", ifNoneMatch);
    assertEquals(304, response.status(), route + " " + ifNoneMatch + ": " + response.body());
    assertEquals("", response.body());
    assertEquals(tag, response.header("ETag"), "a 304 carries the same tag");
  }

  /** After {@code change}, the old tag no longer matches: a 200 with another tag, which then matches. */
  String changes(Route route, Tenant t, String tag, String what, Runnable change) {
    assertNotModified(route, t, tag, tag);
    change.run();
    Http.Response after = get(route, t, "If-None-Match", tag);
    String newTag = tagOf(after);
    assertNotEquals(tag, newTag, route + ": " + what + " changes the tag");
    assertNotModified(route, t, newTag, newTag);
    return newTag;
  }

  void load(Tenant t, JsonObject message) {
    importAndAwaitNotice(Docs.forTenant(t.id()).message(message).json());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void anEmptyRoomsAnswerIsTaggedAndItsFirstMessageChangesTheTag(Route route) {
    Tenant t = tenant("empty-" + route.name(), false);
    String tag = tagOf(get(route, t));
    changes(route, t, tag, "a first message", () -> load(t, message("m1", "first")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void aMatchingTagIs304AndEveryKindOfChangeMakesItA200(Route route) {
    Tenant t = tenant("etag-" + route.name());
    String tag = tagOf(get(route, t));
    assertEquals(tag, tagOf(get(route, t)), "the same answer, the same tag");
    assertNotModified(route, t, "*", tag);
    assertNotModified(route, t, "W/\"nope\", " + tag, tag);
    assertNotModified(route, t, tag.substring(2), tag); // weak comparison: the strong form matches too
    assertEquals(200, get(route, t, "If-None-Match", "W/\"nope\"").status());
    assertEquals(200, get(route, t, "If-None-Match", "garbage").status());

    tag = changes(route, t, tag, "a new message", () -> load(t, message("m2", "second")));
    tag = changes(route, t, tag, "an edit", () -> load(t, message("m2", "second, edited")));
    tag = changes(route, t, tag, "a reaction", () -> load(t, message("m2", "second, edited").put("reactions",
        new JsonArray().add(new JsonObject().put("id", "x1").put("user", "u1").put("reaction", "like")
            .put("createdAt", Instant.now().minusSeconds(30).toString())))));
    tag = changes(route, t, tag, "a read receipt", () -> load(t, message("m2", "second, edited").put("readBy",
        new JsonArray().add(new JsonObject().put("user", "u1").put("readAt", Instant.now().minusSeconds(20).toString())))));
    tag = changes(route, t, tag, "a hide", () -> load(t, message("m2", "second, edited").put("hiddenBy",
        new JsonArray().add("u1"))));
    tag = changes(route, t, tag, "a rename of the sender", () -> importAndAwaitNotice(Docs.forTenant(t.id())
        .user(new JsonObject().put("id", "u2").put("username", "robert").put("nickname", "Robert")).json()));
    tag = changes(route, t, tag, "a deletion", () -> load(t, message("m1", "first").put("deleted", true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void theTagCoversTheParametersAndTheCaller(Route route) {
    Tenant t = tenant("etag-who-" + route.name());
    String tag = tagOf(get(route, t));
    Tenant bob = new Tenant(t.id(), t.key(), admin.tokens(t.id(), "u2").getString("jwt"));
    if (!route.name().equals("deadsimplechat")) { // the tenant key alone: no caller
      assertEquals(200, get(route, bob, "If-None-Match", tag).status(), "another caller: another tag");
    }
    String[] r = route.request().apply(t);
    String other = r[0] + (r[0].contains("?") ? "&" : "?") + "limit=2";
    if (!route.name().equals("mirage")) {
      String[] headers = new String[r.length + 1];
      System.arraycopy(r, 1, headers, 0, r.length - 1);
      headers[r.length - 1] = "If-None-Match";
      headers[r.length] = tag;
      assertEquals(200, http.get(other, headers).status(), "other parameters: another tag");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a304DoesNotReadThePage(Route route) throws Exception {
    Tenant t = tenant("etag-lock-" + route.name());
    String tag = tagOf(get(route, t));
    get(route, t, "If-None-Match", tag); // every lookup but the state warm
    // any read of a message row now waits: a 304 must be answered without one
    try (TableLock messages = TableLock.hold(TestGateway.shared(), "message")) {
      long start = System.nanoTime();
      assertNotModified(route, t, tag, tag);
      assertTrue(System.nanoTime() - start < 2_000_000_000L, "answered without waiting for the lock");
    }
  }

  @Test
  void mirageTagsExpireWithTheOldestMessageShown() {
    Tenant t = tenant("etag-expiry");
    Route mirage = routes().get(0);
    long ttl = TestGateway.shared().config().mirage().ttlSeconds();
    load(t, message("m1", "first").put("createdAt", Instant.now().minusSeconds(ttl - 3).toString()));
    String tag = tagOf(get(mirage, t));
    assertTrue(tag.matches("W/\"[A-Za-z0-9_-]+\\.\\d+\""), "the tag says until when it holds: " + tag);
    assertNotModified(mirage, t, tag, tag);
    Http.Response expired = Eventually.eventually(Duration.ofSeconds(10), "the first message expires",
        () -> get(mirage, t, "If-None-Match", tag), r -> r.status() == 200);
    assertEquals(new JsonObject().put("messages", new JsonArray()), expired.json());
    assertNotEquals(tag, expired.header("ETag"));
  }

  @Test
  void mirageTagsChangeWhenTheTenantCapPushesAMessageOut() {
    Tenant t = tenant("etag-cap");
    Route mirage = routes().get(0);
    String tag = tagOf(get(mirage, t));
    int cap = TestGateway.shared().config().mirage().maxMessages();
    Docs more = Docs.forTenant(t.id());
    for (int i = 0; i < cap; i++) {
      more.message(message("o" + i, "newer elsewhere").put("room", "other").put("createdAt", Instant.now().toString()));
    }
    importAndAwaitNotice(more.json());
    Http.Response after = get(mirage, t, "If-None-Match", tag);
    assertEquals(200, after.status(), "the cap now leaves m1 out");
    assertEquals(new JsonObject().put("messages", new JsonArray()), after.json());
  }
}
