package io.chatgw.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.dialect.allmine.AllmineClient;
import io.chatgw.gateway.dialect.imkit.ImkitClient;
import io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient;
import io.chatgw.gateway.dialect.mirage.MirageClient;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TwoTenants;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A dialect that takes a gateway JWT (dialects.md: Mirage, Allmine, MeetingLawyers, IMKit), seen
 * from the attack table: how it is sent a token for tenant A's room, everything else valid, and what
 * each {@link Outcome} must look like in that dialect, to the byte. A dialect that takes the token
 * with or without the {@code Bearer} scheme (Allmine, IMKit) is a target in each form, so that the
 * bare form is checked as strictly as the other.
 */
record JwtTarget(String name, BiFunction<Http, String, Http.Response> send, UnaryOperator<String> stable,
    Consumer<Http.Response> unauthorized, Consumer<Http.Response> notAMember,
    Consumer<Http.Response> anotherTenant) {

  /** What the spec says a request with the token ends in. */
  enum Outcome {
    /** 200 with A's room: the very page a valid HS256 token gets. */
    ACCEPTED,
    /** The dialect's 401. */
    UNAUTHORIZED,
    /** A valid token of tenant A whose {@code sub} is no user of A. */
    NOT_A_MEMBER,
    /** A valid token of another tenant, on A's room (with A's key where the dialect takes one). */
    ANOTHER_TENANT
  }

  static List<JwtTarget> all(TwoTenants t) {
    return List.of(mirage(), allmine("Bearer "), allmine(""), meetingLawyers(t), imkit(t, "Bearer "), imkit(t, ""));
  }

  private static JwtTarget mirage() {
    String room = String.valueOf(TwoTenants.ROOM_NUMBER);
    return new JwtTarget("Mirage", (http, token) -> new MirageClient(http).get(room, "Bearer " + token),
        UnaryOperator.identity(),
        r -> MirageClient.assertError(r, 401, "unauthorized"),
        r -> MirageClient.assertError(r, 403, "you are not in this room"),
        r -> MirageClient.assertError(r, 403, "you are not in this room"));
  }

  private static JwtTarget allmine(String scheme) {
    return new JwtTarget(scheme.isEmpty() ? "Allmine, bare token" : "Allmine",
        (http, token) -> new AllmineClient(http).get(TwoTenants.ROOM_ID, "", scheme + token),
        UnaryOperator.identity(),
        r -> AllmineClient.assertError(r, 401, "Authentication required"),
        r -> AllmineClient.assertError(r, 403, "Insufficient permissions"),
        r -> AllmineClient.assertError(r, 404, "Resource not found"));
  }

  private static JwtTarget meetingLawyers(TwoTenants t) {
    String query = "room=" + TwoTenants.ROOM_NUMBER;
    return new JwtTarget("MeetingLawyers",
        (http, token) -> new MeetingLawyersClient(http, t.keyA(), token).get(query, t.keyA(), "Bearer " + token),
        UnaryOperator.identity(),
        r -> MeetingLawyersClient.assertError(r, 401, "invalid or missing credentials"),
        r -> MeetingLawyersClient.assertError(r, 403, "user is not a member of this room"),
        r -> MeetingLawyersClient.assertError(r, 401, "invalid or missing credentials"));
  }

  private static JwtTarget imkit(TwoTenants t, String scheme) {
    return new JwtTarget(scheme.isEmpty() ? "IMKit, bare token" : "IMKit",
        (http, token) -> new ImkitClient(http, t.a(), t.keyA(), token)
            .get(TwoTenants.ROOM_ID, null, t.keyA(), scheme + token),
        ImkitClient::withoutTook,
        ImkitClient::assertUnauthorized,
        ImkitClient::assertNotMember,
        ImkitClient::assertUnauthorized);
  }

  /** The page of A's room for a token that must be accepted, in the form {@link #check} compares. */
  String page(Http http, String validToken) {
    Http.Response response = send.apply(http, validToken);
    assertEquals(200, response.status(), name + ": " + response.body());
    assertTrue(response.body().contains(TwoTenants.TEXT), response.body());
    return stable.apply(response.body());
  }

  /**
   * Sends the token and asserts the outcome; {@code page} is what {@link #page} gave for a valid
   * HS256 token. A 5xx is never an acceptable answer to a token.
   */
  void check(Http http, String token, Outcome outcome, String page) {
    Http.Response response = send.apply(http, token);
    assertTrue(response.status() < 500, () -> name + " answered " + response.status() + ": " + response.body());
    switch (outcome) {
      case ACCEPTED -> {
        assertEquals(200, response.status(), response.body());
        assertEquals(page, stable.apply(response.body()), "the same page as for a valid HS256 token");
      }
      case UNAUTHORIZED -> unauthorized.accept(response);
      case NOT_A_MEMBER -> notAMember.accept(response);
      case ANOTHER_TENANT -> anotherTenant.accept(response);
    }
  }
}
