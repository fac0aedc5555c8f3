package io.chatgw.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

/**
 * Two tenants for the cross-dialect credential tests (JWT attacks, repeated credentials). A has
 * the room every request asks for; B has a user with the same id {@code u1} (so a token of B's u1
 * is fully valid), a room of its own, and a user {@code b-only} that A does not have. Each tenant
 * has one API key.
 */
public record TwoTenants(String a, String b, String keyA, String keyB) {

  public static final String USER = "u1";
  public static final String B_ONLY_USER = "b-only";
  public static final String ROOM_ID = "room-a";
  public static final long ROOM_NUMBER = 1;
  public static final String ROOM_B_ID = "room-b";
  public static final long ROOM_B_NUMBER = 2;
  /** The text of A's message, so a 200 can be told apart from anyone else's 200. */
  public static final String TEXT = "hello from tenant A";
  public static final String TEXT_B = "hello from tenant B";

  /** The change notices {@link #load} causes: two imports and two minted keys. */
  public static final int NOTICES = 4;

  public static TwoTenants load(Http http, String prefix) {
    Admin admin = new Admin(http);
    Instant recent = Instant.now().minusSeconds(60);
    Docs a = Docs.newTenant(prefix + "-a").user(USER, "alice").room(ROOM_ID, ROOM_NUMBER, USER)
        .message("ma", ROOM_ID, USER, TEXT, recent);
    Docs b = Docs.newTenant(prefix + "-b").user(USER, "bob").user(B_ONLY_USER, "bea")
        .room(ROOM_B_ID, ROOM_B_NUMBER, USER, B_ONLY_USER).message("mb", ROOM_B_ID, USER, TEXT_B, recent);
    admin.load(a.json());
    admin.load(b.json());
    return new TwoTenants(a.tenant(), b.tenant(), key(admin, a.tenant()), key(admin, b.tenant()));
  }

  private static String key(Admin admin, String tenant) {
    Http.Response key = admin.newKey(tenant);
    assertEquals(201, key.status(), key.body());
    return key.json().getString("apiKey");
  }
}
