package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.http.CredentialDoor.Bundle;
import io.chatgw.gateway.http.CredentialDoor.Slot;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md, common rules: HEAD is answered on every history route like GET, without a body;
 * so are the operator routes. The HEAD side is read off a raw socket, so a body sent by mistake
 * would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadTest {

  Http http;
  Bundle a;
  Bundle nobody = new Bundle("no-such-session-token", "no.such.jwt", "no-such-api-key");

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    TwoTenants tenants = TwoTenants.load(http, "head");
    JsonObject tokens = new Admin(http).tokens(tenants.a(), TwoTenants.USER);
    a = new Bundle(tokens.getString("sessionToken"), tokens.getString("jwt"), tenants.keyA());
  }

  @AfterAll
  void close() {
    http.close();
  }

  @TestFactory
  Stream<DynamicNode> headOnEveryHistoryRouteIsGetWithoutTheBody() {
    return CredentialDoor.all().stream().map(door -> DynamicContainer.dynamicContainer(door.name(), Stream.of(
        DynamicTest.dynamicTest("a member's room: 200", () -> {
          Http.Response get = door.send(http, door.roomUri(), presenting(door, a));
          assertEquals(200, get.status(), get.body());
          assertLikeGetWithoutBody(get, head(door.request(door.roomUri(), presenting(door, a))));
        }),
        DynamicTest.dynamicTest("a missing room: the dialect's status", () -> {
          Http.Response get = door.send(http, door.missingRoomUri(), presenting(door, a));
          assertEquals(door.missingRoom(), get.status(), get.body());
          assertLikeGetWithoutBody(get, head(door.request(door.missingRoomUri(), presenting(door, a))));
        }),
        DynamicTest.dynamicTest("bad credentials: the dialect's 401", () -> {
          Http.Response get = door.send(http, door.roomUri(), presenting(door, nobody));
          door.unauthorized().accept(get);
          assertLikeGetWithoutBody(get, head(door.request(door.roomUri(), presenting(door, nobody))));
        }),
        DynamicTest.dynamicTest("no credentials: as GET (Mirage's check 1 is a 400, the others 401)", () -> {
          Http.Response get = door.send(http, door.roomUri(), Map.of());
          assertEquals(door.name().startsWith("Mirage") ? 400 : 401, get.status(), get.body());
          assertLikeGetWithoutBody(get, head(door.request(door.roomUri(), Map.of())));
        }))));
  }

  @TestFactory
  Stream<DynamicNode> headOnTheOperatorRoutes() {
    return Stream.of("/health/live", "/health/ready", "/metrics").map(path -> DynamicTest.dynamicTest(path, () ->
        assertLikeGetWithoutBody(http.get(path), head(new CredentialDoor.Request(path, List.of())))));
  }

  private static Map<Slot, List<Bundle>> presenting(CredentialDoor door, Bundle caller) {
    Map<Slot, List<Bundle>> presented = new HashMap<>();
    door.slots().forEach(slot -> presented.put(slot, List.of(caller)));
    return presented;
  }

  /** The HEAD request on a connection of its own; the answer read until the server closes it. */
  private RawConnection.Answer head(CredentialDoor.Request request) {
    StringBuilder raw = new StringBuilder("HEAD ").append(request.target()).append(" HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i + 1 < request.headers().size(); i += 2) {
      raw.append(request.headers().get(i)).append(": ").append(request.headers().get(i + 1)).append("\r\n");
    }
    RawConnection.Answer answer = RawConnection.exchange(TestGateway.shared().port(),
        raw.append("Connection: close\r\n\r\n").toString(), 10_000);
    assertTrue(answer.closed(), "the server closed the connection (Connection: close)");
    return answer;
  }

  private static void assertLikeGetWithoutBody(Http.Response get, RawConnection.Answer head) {
    String text = head.text();
    int end = text.indexOf("\r\n\r\n");
    assertTrue(end > 0, text);
    assertEquals(end + 4, text.length(), "HEAD sent a body: " + text);
    String[] lines = text.substring(0, end).split("\r\n");
    assertEquals(String.valueOf(get.status()), lines[0].split(" ")[1], text);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    assertEquals(get.header("Content-Type"), headers.get("Content-Type"), text);
    assertEquals(get.header("Cache-Control"), headers.get("Cache-Control"), text);
    assertNotNull(headers.get("X-Request-Id"), text);
    if (headers.contains("Content-Length")) {
      assertEquals(String.valueOf(get.bytes().length), headers.get("Content-Length"), text);
    }
  }
}
