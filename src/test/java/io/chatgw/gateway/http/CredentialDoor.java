package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.dialect.allmine.AllmineClient;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient;
import io.chatgw.gateway.dialect.imkit.ImkitClient;
import io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersClient;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TwoTenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One dialect's door as the repeated-credential tests see it: the URI of tenant A's room and of a
 * room no tenant has, the credentials the dialect reads (headers, or DeadSimpleChat's {@code auth}
 * parameter), its 401, the status of a missing room, and its 429 (a tenant over its rate limit).
 */
record CredentialDoor(String name, String roomUri, String missingRoomUri, List<Slot> slots,
    Consumer<Http.Response> unauthorized, int missingRoom, Consumer<Http.Response> tooManyRequests) {

  /** What one caller presents: a user's session token and JWT, and a tenant API key. */
  record Bundle(String sessionToken, String jwt, String apiKey) {}

  /** One credential: a header, or (when {@code query}) a query parameter. */
  record Slot(String name, boolean query, Function<Bundle, String> value) {}

  static List<CredentialDoor> all() {
    Slot authorizationJwt = new Slot("Authorization", false, b -> "Bearer " + b.jwt());
    return List.of(
        new CredentialDoor("Mirage, session token", mirage(TwoTenants.ROOM_NUMBER), mirage(4242),
            List.of(new Slot("Authorization", false, Bundle::sessionToken)),
            r -> mirageError(r, 401, "unauthorized"), 403, r -> mirageError(r, 429, "too many requests")),
        new CredentialDoor("Mirage, JWT", mirage(TwoTenants.ROOM_NUMBER), mirage(4242),
            List.of(authorizationJwt), r -> mirageError(r, 401, "unauthorized"), 403,
            r -> mirageError(r, 429, "too many requests")),
        new CredentialDoor("DeadSimpleChat", DeadSimpleChatClient.path(TwoTenants.ROOM_ID, null),
            DeadSimpleChatClient.path("no-such-room", null), List.of(new Slot("auth", true, Bundle::apiKey)),
            r -> DeadSimpleChatClient.assertError(r, 401, "Unauthorized: auth is missing or is not a valid private key"),
            404, r -> DeadSimpleChatClient.assertError(r, 429, "Too many requests, please retry later")),
        new CredentialDoor("Allmine", AllmineClient.PATH + TwoTenants.ROOM_ID, AllmineClient.PATH + "no-such-chat",
            List.of(authorizationJwt), r -> AllmineClient.assertError(r, 401, "Authentication required"), 404,
            r -> AllmineClient.assertError(r, 429, "Too many requests")),
        new CredentialDoor("MeetingLawyers", MeetingLawyersClient.PATH + "?room=" + TwoTenants.ROOM_NUMBER,
            MeetingLawyersClient.PATH + "?room=4242",
            List.of(new Slot("Api-Key", false, Bundle::apiKey), authorizationJwt),
            r -> MeetingLawyersClient.assertError(r, 401, "invalid or missing credentials"), 404,
            r -> MeetingLawyersClient.assertError(r, 429, "too many requests")),
        new CredentialDoor("IMKit", imkit(TwoTenants.ROOM_ID), imkit("no-such-room"),
            List.of(new Slot("IM-CLIENT-KEY", false, Bundle::apiKey),
                new Slot("IM-Authorization", false, b -> "Bearer " + b.jwt())),
            ImkitClient::assertUnauthorized, 404, r -> ImkitClient.assertError(r, 429, "Too Many Requests",
                "TOO_MANY_REQUESTS", "Too many requests, please retry later")));
  }

  /** A request on {@code uri} presenting {@code caller}'s credential in every slot, once. */
  Http.Response send(Http http, String uri, Bundle caller) {
    Map<Slot, List<Bundle>> presented = new HashMap<>();
    slots.forEach(slot -> presented.put(slot, List.of(caller)));
    return send(http, uri, presented);
  }

  /** A request target and header pairs (name, value, name, value...). */
  record Request(String target, List<String> headers) {}

  /** A GET on {@code uri} presenting, for each slot, the given callers' values in order. */
  Http.Response send(Http http, String uri, Map<Slot, List<Bundle>> presented) {
    Request request = request(uri, presented);
    return http.get(request.target(), request.headers().toArray(String[]::new));
  }

  /** The request on {@code uri} presenting, for each slot, the given callers' values in order. */
  Request request(String uri, Map<Slot, List<Bundle>> presented) {
    StringBuilder target = new StringBuilder(uri);
    List<String> headers = new ArrayList<>();
    for (Slot slot : slots) {
      for (Bundle caller : presented.getOrDefault(slot, List.of())) {
        String value = slot.value().apply(caller);
        if (slot.query()) {
          target.append(target.indexOf("?") < 0 ? '?' : '&').append(slot.name()).append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        } else {
          headers.add(slot.name());
          headers.add(value);
        }
      }
    }
    return new Request(target.toString(), headers);
  }

  private static String mirage(long roomNumber) {
    return "/api/get_room_messages?room_id=" + roomNumber;
  }

  private static String imkit(String roomId) {
    return "/rooms/" + roomId + "/messages/v3";
  }

  private static void mirageError(Http.Response response, int status, String error) {
    assertEquals(status, response.status(), response.body());
    assertEquals("{\"error\":\"" + error + "\"}", response.body());
  }
}
