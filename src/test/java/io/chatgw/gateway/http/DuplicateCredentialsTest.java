package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.dialect.allmine.AllmineClient;
import io.chatgw.gateway.http.CredentialDoor.Bundle;
import io.chatgw.gateway.http.CredentialDoor.Slot;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.core.buffer.Buffer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 5, "Duplicate credentials": a credential sent more than once (a header, or
 * DeadSimpleChat's {@code auth}) counts by its last occurrence, in every dialect, and that
 * occurrence alone decides authentication and tenant scope (docs/decisions.md, Common).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicateCredentialsTest {

  Http http;
  TwoTenants tenants;
  Bundle a;
  Bundle b;
  Bundle bad;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    tenants = TwoTenants.load(http, "dup-cred");
    a = bundle(tenants.a(), tenants.keyA());
    b = bundle(tenants.b(), tenants.keyB());
    bad = new Bundle("no-such-session-token", TestJwts.hs256(new JsonObject().put("alg", "HS256"),
        TestJwts.claims(tenants.a(), TwoTenants.USER), "not-the-gateway-secret-0123456789-0123456789"),
        "no-such-api-key");
  }

  private Bundle bundle(String tenant, String key) {
    JsonObject tokens = new Admin(http).tokens(tenant, TwoTenants.USER);
    return new Bundle(tokens.getString("sessionToken"), tokens.getString("jwt"), key);
  }

  @AfterAll
  void close() {
    http.close();
  }

  @TestFactory
  Stream<DynamicNode> theLastOccurrenceOfEachCredentialWins() {
    return CredentialDoor.all().stream().map(door -> DynamicContainer.dynamicContainer(door.name(),
        Stream.of(eachSlot(door), tenantScope(door), mixedTenants(door)).flatMap(s -> s)));
  }

  /** (bad, good) is good and (good, bad) is bad, one credential at a time, the others single and good. */
  private Stream<DynamicNode> eachSlot(CredentialDoor door) {
    return door.slots().stream().flatMap(slot -> Stream.of(
        DynamicTest.dynamicTest(slot.name() + ": (bad, good) is served", () ->
            assertServedAsA(door.send(http, door.roomUri(), presenting(door, slot, List.of(bad, a))))),
        DynamicTest.dynamicTest(slot.name() + ": (good, bad) is 401", () ->
            door.unauthorized().accept(door.send(http, door.roomUri(), presenting(door, slot, List.of(a, bad)))))));
  }

  /** Every credential (A, B) on A's room is B asking: exactly a missing room. (B, A) is A asking. */
  private Stream<DynamicNode> tenantScope(CredentialDoor door) {
    return Stream.of(
        DynamicTest.dynamicTest("(A, B) on A's room answers like a missing room of B", () -> {
          Http.Response asB = door.send(http, door.roomUri(), everywhere(door, List.of(a, b)));
          Http.Response missing = door.send(http, door.missingRoomUri(), everywhere(door, List.of(b)));
          assertEquals(door.missingRoom(), asB.status(), asB.body());
          assertEquals(missing.status(), asB.status());
          assertEquals(AllmineClient.withoutTimestamp(missing.body()), AllmineClient.withoutTimestamp(asB.body()));
        }),
        DynamicTest.dynamicTest("(B, A) on A's room is served", () ->
            assertServedAsA(door.send(http, door.roomUri(), everywhere(door, List.of(b, a))))));
  }

  /** Where a dialect takes a key and a JWT, the winning key and the winning JWT must share a tenant. */
  private Stream<DynamicNode> mixedTenants(CredentialDoor door) {
    if (door.slots().size() < 2) {
      return Stream.empty();
    }
    Slot key = door.slots().get(0);
    Slot jwt = door.slots().get(1);
    return Stream.of(
        DynamicTest.dynamicTest("last key of A, last JWT of B is 401", () ->
            door.unauthorized().accept(door.send(http, door.roomUri(), Map.of(key, List.of(b, a), jwt, List.of(a, b))))),
        DynamicTest.dynamicTest("last key of B, last JWT of A is 401", () ->
            door.unauthorized().accept(door.send(http, door.roomUri(), Map.of(key, List.of(a, b), jwt, List.of(b, a))))));
  }

  @Test
  void theAdminTokenFollowsTheSameRule() {
    String uri = "/admin/v1/tenants/" + tenants.a() + "/tokens";
    Buffer body = new JsonObject().put("user", TwoTenants.USER).toBuffer();
    String good = "Bearer " + TestGateway.ADMIN_TOKEN;
    assertEquals(200, http.post(uri, body, "Content-Type", "application/json",
        "Authorization", "Bearer wrong", "Authorization", good).status());
    assertEquals(401, http.post(uri, body, "Content-Type", "application/json",
        "Authorization", good, "Authorization", "Bearer wrong").status());
  }

  /** {@code callers} on the repeated slot, A's credential alone on every other one. */
  private Map<Slot, List<Bundle>> presenting(CredentialDoor door, Slot repeated, List<Bundle> callers) {
    Map<Slot, List<Bundle>> presented = new HashMap<>();
    door.slots().forEach(slot -> presented.put(slot, slot == repeated ? callers : List.of(a)));
    return presented;
  }

  private static Map<Slot, List<Bundle>> everywhere(CredentialDoor door, List<Bundle> callers) {
    Map<Slot, List<Bundle>> presented = new HashMap<>();
    door.slots().forEach(slot -> presented.put(slot, callers));
    return presented;
  }

  private static void assertServedAsA(Http.Response response) {
    assertEquals(200, response.status(), response.body());
    assertTrue(response.body().contains(TwoTenants.TEXT), response.body());
  }
}
