package io.chatgw.gateway.dialect.allmine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The body rendered in Java is byte for byte what PostgreSQL built before (issue 11): the statement
 * that built it is kept here as the oracle and run on the same store, over data with the edges of
 * both renderings: control characters (PostgreSQL escapes them in lower-case hex), ids above
 * U+FFFF (COLLATE "C" order), readers tied on read_at, floats of every print form, stored
 * creditTransfers the import would not write (nested nulls, long numbers, not an object), years BC
 * and past 9999, microseconds, and enough messages for the long-skip form of the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllmineOracleTest {

  /** AllmineReader.SELECT_CHAT_PAGE as it was: $1 tenant, $2 chat id, $3 offset, $4 limit
   * (the membership check left out: the oracle is asked only for a member). */
  static final String BEFORE = """
      WITH chat AS MATERIALIZED (
        SELECT r.pk, r.id, r.count_live FROM room r WHERE r.tenant_id = $1 AND r.id = $2)
      SELECT c.count_live,
        (SELECT coalesce('[' || string_agg(json_strip_nulls(json_build_object(
                 '_id', u.id,
                 'username', u.username,
                 'profilePhoto', CASE WHEN u.avatar_url <> '' THEN json_build_object(
                     '_id', substr(md5(u.id || chr(10) || u.avatar_url), 1, 24),
                     'url', u.avatar_url,
                     'type', 'image') END,
                 'availabilityStatus', u.availability_status))::text, ','
                 ORDER BY u.id COLLATE "C") || ']', '[]')
          FROM room_member rm JOIN app_user u ON u.pk = rm.user_pk
         WHERE rm.room_pk = c.pk) AS participants,
        (SELECT coalesce('[' || string_agg(json_strip_nulls(json_build_object(
                 '_id', t.id,
                 'chatId', c.id,
                 'senderId', s.id,
                 'type', t.type,
                 'content', coalesce(t.text, ''),
                 'media', CASE WHEN t.att_url IS NOT NULL THEN json_build_object(
                     'url', t.att_url,
                     'type', t.att_kind,
                     'name', t.att_name,
                     'size', t.att_size,
                     'duration', t.att_duration,
                     'width', t.att_width,
                     'height', t.att_height,
                     'thumbnail_url', t.att_thumbnail_url) END,
                 'creditTransfer', CASE WHEN jsonb_typeof(t.credit_transfer) = 'object' THEN json_build_object(
                     'amount', t.credit_transfer -> 'amount',
                     'recipientId', t.credit_transfer -> 'recipientId',
                     'senderId', t.credit_transfer -> 'senderId') END,
                 'readBy', coalesce((
                     SELECT json_agg(ru.id ORDER BY rr.read_at, ru.id COLLATE "C")
                       FROM read_receipt rr JOIN app_user ru ON ru.pk = rr.user_pk
                      WHERE rr.message_seq = t.seq), '[]'::json),
                 'createdAt', to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'updatedAt', to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               ))::text, ',' ORDER BY t.created_at DESC, t.seq DESC) || ']', '[]')
          FROM live_page(c.pk, false, $3, $4) AS t
          JOIN app_user s ON s.pk = t.sender_pk
         WHERE $3 < c.count_live) AS messages
        FROM chat c""";

  static final String ASTRAL = "a\uD83D\uDE00";
  static final String BMP_HIGH = "a\uFF5E";
  static final String CONTROL = "x\u000b\u001f\u0001\t\"\\/\u2028y";

  Http http;
  AllmineClient allmine;
  String tenant;
  String jwt;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    allmine = new AllmineClient(http);
    Docs data = Docs.newTenant("allmine-oracle")
        .user(new JsonObject().put("id", "u1").put("username", CONTROL).put("avatarUrl", "https://cdn.example/\u00e9.png"))
        .user(new JsonObject().put("id", ASTRAL).put("username", "astral").put("avatarUrl", ""))
        .user(new JsonObject().put("id", BMP_HIGH).put("username", "high").put("availabilityStatus", "busy"))
        .user(new JsonObject().put("id", "B").put("username", "upper").put("avatarUrl", "https://cdn.example/b"))
        .user("outsider", "reader who is no member")
        .room("chat", 1, "u1", ASTRAL, BMP_HIGH, "B");
    String tie = "2024-01-15T10:35:00.000001Z";
    JsonArray readers = new JsonArray().add(read(ASTRAL, tie)).add(read(BMP_HIGH, tie)).add(read("B", tie))
        .add(read("u1", "2024-01-15T10:34:59Z")).add(read("outsider", tie));
    String[] times = {"0000-06-01T12:00:00.123456Z", "-0001-06-01T12:00:00.9999Z", "+10000-01-01T00:00:00Z",
        "1969-12-31T23:59:59.9996Z", "2024-01-15T10:30:00.999999Z"};
    double[] durations = {60, 2.5, 1e20, 1e-5, 0.1, 1.0 / 3, 123456789.125, -0.0, 4.9e-324};
    for (int i = 0; i < 240; i++) {
      JsonObject m = new JsonObject().put("id", "m" + i).put("room", "chat")
          .put("sender", new String[] {"u1", ASTRAL, BMP_HIGH, "B"}[i % 4])
          .put("createdAt", i < times.length ? times[i] : Instant.parse("2024-02-01T00:00:00Z").plusMillis(i).toString());
      if (i % 3 == 0) {
        m.put("text", CONTROL + " " + ASTRAL + " " + i);
      }
      if (i % 5 == 1) {
        m.put("type", "image").put("attachment", new JsonObject().put("url", "https://cdn.example/" + i)
            .put("kind", "image").put("size", 1000L * i).put("durationSeconds", durations[i % durations.length])
            .put("width", i).put("name", CONTROL));
      }
      if (i % 7 == 2) {
        m.put("creditTransfer", new JsonObject().put("amount", i + 0.5).put("senderId", "u1"));
      }
      if (i % 4 == 3 || i < 3) {
        m.put("readBy", readers);
      }
      m.put("deleted", i % 11 == 10);
      data.message(m);
    }
    new Admin(http).load(data.json());
    tenant = data.tenant();
    jwt = TestJwts.valid(tenant, "u1");
    // stored shapes the import would not write, which the reader must still render as before
    String[] credits = {"[1, 2]", "\"x\"", "{}", "{\"amount\": {\"v\": null, \"w\": [null, 1.50]}, \"recipientId\": null}",
        "{\"amount\": 123456789012345678901234567890, \"senderId\": \"\u00e9\u0001\", \"other\": 1}", "null"};
    Pool sql = TestGateway.shared().sql();
    for (int i = 0; i < credits.length; i++) {
      sql.preparedQuery("UPDATE message SET credit_transfer = $3::jsonb WHERE tenant_id = $1 AND id = $2")
          .execute(Tuple.of(tenant, "m" + (100 + i), credits[i])).await();
    }
  }

  static JsonObject read(String user, String at) {
    return new JsonObject().put("user", user).put("readAt", at);
  }

  @AfterAll
  void close() {
    http.close();
  }

  /** The body as the statement that built it before would have it. */
  String before(long page, int limit) {
    long offset = AllminePage.offset(page, limit);
    Row row = TestGateway.shared().sql().preparedQuery(BEFORE)
        .execute(Tuple.of(tenant, "chat", offset, limit)).await().iterator().next();
    AllminePage totals = new AllminePage(page, limit, row.getLong(0));
    return "{\"messages\":" + row.getString("messages") + ",\"participants\":" + row.getString("participants")
        + ",\"page\":" + page + ",\"limit\":" + limit + ",\"total\":" + totals.total()
        + ",\"totalPages\":" + totals.totalPages() + ",\"hasNextPage\":" + totals.hasNextPage()
        + ",\"hasPreviousPage\":" + totals.hasPreviousPage() + "}";
  }

  void assertSameBody(long page, int limit) {
    Http.Response response = allmine.bearer("chat", "?page=" + page + "&limit=" + limit, jwt);
    assertEquals(200, response.status(), response.body());
    assertEquals(before(page, limit), response.body(), "page " + page + " limit " + limit);
  }

  @Test
  void everyPageIsTheBodyPostgresqlBuilt() {
    for (int limit : new int[] {100, 7}) {
      for (long page = 1; page <= 240 / limit + 2; page++) {
        assertSameBody(page, limit);
      }
    }
  }

  @Test
  void theEdgesOneByOneIncludingTheLongSkipForm() {
    for (long page : new long[] {1, 2, 3, 4, 5, 6, 100, 101, 102, 103, 104, 105, 106, 201, 202, 203, 215, 240}) {
      assertSameBody(page, 1);
    }
    assertSameBody(Long.MAX_VALUE, 100);
  }

  @Test
  void controlCharactersAreEscapedInLowerCaseHexAsPostgresqlDoes() {
    String body = allmine.bearer("chat", "?limit=100", jwt).body();
    assertEquals(true, body.contains("\"username\":\"x\\u000b\\u001f\\u0001\\t\\\"\\\\/\u2028y\""), body);
  }
}
