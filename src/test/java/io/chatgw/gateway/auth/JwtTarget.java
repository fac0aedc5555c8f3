package io.chatgw.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.dialect.allmine.AllmineCalls;
import io.chatgw.gateway.dialect.imkit.ImkitClient;
import io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TwoTenants;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A dialect that takes a gateway JWT (dialects.md: Mirage, Allmine, MeetingLawyers, IMKit), seen
 * from the attack table: how it is sent a token for tenant A's room, everything else valid, and what
 * each {@link Outcome} must look like in that dialect, to the byte.
 */
record JwtTarget(String name, BiFunction<Http, String, Http.Response> send,
    Consumer<Http.Response> unauthorized, Consumer<Http.Response> notAMember,
    Consumer<Http.Response> anotherTenant) {

  /** What the spec says a request with the token ends in. */
  enum Outcome {
    /** 200 with A's room. */
    ACCEPTED,
    /** The dialect's 401. */
    UNAUTHORIZED,
    /** A valid token of tenant A whose {@code sub} is no user of A. */
    NOT_A_MEMBER,
    /** A valid token of tenant B, on A's room (with A's key where the dialect takes one). */
    ANOTHER_TENANT
  }

  static List<JwtTarget> all(TwoTenants t) {
    String mirageUri = "/api/get_room_messages?room_id=" + TwoTenants.ROOM_NUMBER;
    String mlQuery = "room=" + TwoTenants.ROOM_NUMBER;
    return List.of(
        new JwtTarget("Mirage",
            (http, token) -> http.get(mirageUri, "Authorization", "Bearer " + token),
            r -> mirage(r, 401, "unauthorized"),
            r -> mirage(r, 403, "you are not in this room"),
            r -> mirage(r, 403, "you are not in this room")),
        new JwtTarget("Allmine",
            (http, token) -> new AllmineCalls(http).bearer(TwoTenants.ROOM_ID, "", token),
            r -> AllmineCalls.assertError(r, 401, "Authentication required"),
            r -> AllmineCalls.assertError(r, 403, "Insufficient permissions"),
            r -> AllmineCalls.assertError(r, 404, "Resource not found")),
        new JwtTarget("MeetingLawyers",
            (http, token) -> new MeetingLawyersClient(http, t.keyA(), token).get(mlQuery, t.keyA(), "Bearer " + token),
            r -> MeetingLawyersClient.assertError(r, 401, "invalid or missing credentials"),
            r -> MeetingLawyersClient.assertError(r, 403, "user is not a member of this room"),
            r -> MeetingLawyersClient.assertError(r, 401, "invalid or missing credentials")),
        new JwtTarget("IMKit",
            (http, token) -> new ImkitClient(http, t.a(), t.keyA(), token)
                .get(TwoTenants.ROOM_ID, null, t.keyA(), "Bearer " + token),
            ImkitClient::assertUnauthorized,
            ImkitClient::assertNotMember,
            ImkitClient::assertUnauthorized));
  }

  /** Sends the token and asserts the outcome; a 5xx is never an acceptable answer to a token. */
  void check(Http http, String token, Outcome outcome) {
    Http.Response response = send.apply(http, token);
    assertTrue(response.status() < 500, () -> name + " answered " + response.status() + ": " + response.body());
    switch (outcome) {
      case ACCEPTED -> {
        assertEquals(200, response.status(), response.body());
        assertTrue(response.body().contains(TwoTenants.TEXT), response.body());
      }
      case UNAUTHORIZED -> unauthorized.accept(response);
      case NOT_A_MEMBER -> notAMember.accept(response);
      case ANOTHER_TENANT -> anotherTenant.accept(response);
    }
  }

  private static void mirage(Http.Response response, int status, String error) {
    assertEquals(status, response.status(), response.body());
    assertEquals("{\"error\":\"" + error + "\"}", response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
  }
}
