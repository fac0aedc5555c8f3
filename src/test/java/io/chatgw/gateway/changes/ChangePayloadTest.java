package io.chatgw.gateway.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The payload names kinds and tenants compactly, stays ASCII and under PostgreSQL's 8000 bytes. */
class ChangePayloadTest {

  @Test
  void kindsAndTenantsAreNamedInAFixedOrder() {
    Change change = new Change.Builder().add(Kind.SESSION, "beta").add(Kind.TENANT, "acme")
        .add(Kind.API_KEY, "acme").build();
    String payload = ChangePayload.encode(change);
    assertEquals("{\"kinds\":[\"tenant\",\"apiKey\",\"session\"],\"tenants\":[\"acme\",\"beta\"]}", payload);
    assertEquals(Optional.of(change), ChangePayload.decode(payload));
  }

  @Test
  void otherCharactersAreEscapedSoTheLengthIsTheByteLength() {
    Change change = Change.of(Kind.USER, "tenant-ü-\u20ac-\uD83D\uDE00");
    String payload = ChangePayload.encode(change);
    assertTrue(payload.chars().allMatch(c -> c < 128), payload);
    assertEquals(Optional.of(change), ChangePayload.decode(payload));
  }

  @Test
  void tooManyTenantsToNameBecomeEveryTenant() {
    Set<String> tenants = new HashSet<>();
    for (int i = 0; i < 200; i++) { // tenant ids are at most 64 characters: about 120 fit
      tenants.add(i + "-" + "t".repeat(60));
    }
    String payload = ChangePayload.encode(new Change(Set.of(Kind.SESSION), tenants, false));
    assertEquals("{\"kinds\":[\"session\"],\"allTenants\":true}", payload);
    assertEquals(Optional.of(new Change(Set.of(Kind.SESSION), Set.of(), true)), ChangePayload.decode(payload));
  }

  @Test
  void aPayloadJustWithinTheBoundStillNamesItsTenant() {
    String prefix = "{\"kinds\":[\"session\"],\"tenants\":[\"";
    String fits = "t".repeat(ChangePayload.MAX_BYTES - prefix.length() - 3);
    assertEquals(ChangePayload.MAX_BYTES, ChangePayload.encode(Change.of(Kind.SESSION, fits)).length());
    assertEquals("{\"kinds\":[\"session\"],\"allTenants\":true}",
        ChangePayload.encode(Change.of(Kind.SESSION, fits + "t")));
  }

  @Test
  void unknownKindsAndMembersAreIgnored() {
    assertEquals(Optional.of(Change.of(Kind.ROOM, "acme")),
        ChangePayload.decode("{\"kinds\":[\"room\",\"reactionV9\"],\"tenants\":[\"acme\"],\"since\":12}"));
  }

  @Test
  void anUnreadablePayloadIsEmptySoTheListenerDropsEverything() {
    for (String bad : new String[] {"", "tenants", "{}", "{\"kinds\":\"tenant\",\"tenants\":[]}",
        "{\"kinds\":[\"tenant\"]}", "{\"kinds\":[\"tenant\"],\"tenants\":[1]}", "[1]"}) {
      assertEquals(Optional.empty(), ChangePayload.decode(bad), bad);
    }
  }
}
