package io.chatgw.gateway.dialect.deadsimplechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §2: newest first by (createdAt, insertion order), {@code skip} counted from the newest,
 * deleted messages left out, {@code totalRecords} of the filter whatever the window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadSimpleChatPagingTest {

  static final Instant BASE = Instant.parse("2024-05-01T12:00:00.250Z");
  static final int MESSAGES = 40;

  /** One imported message: its insertion position, time, and what the filters see. */
  record Stored(int position, String id, Instant created, boolean deleted, boolean attachment) {}

  Http http;
  Admin admin;
  DeadSimpleChatClient dsc;
  Docs data;
  String key;
  List<Stored> stored = new ArrayList<>();

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    admin = new Admin(http);
    dsc = new DeadSimpleChatClient(http);
    data = Docs.newTenant("dsc-paging").user("u", "u").room("r", 1, "u").room("changes", 2, "u");
    for (int i = 0; i < MESSAGES; i++) {
      // five timestamps shared by eight messages each, not in insertion order; ids not sortable either
      Stored s = new Stored(i, "id-" + ((i * 17) % MESSAGES), BASE.plusSeconds((i * 3) % 5), i % 5 == 2, i % 3 == 0);
      stored.add(s);
      JsonObject message = new JsonObject().put("id", s.id()).put("room", "r").put("sender", "u")
          .put("text", "t" + i).put("createdAt", s.created().toString()).put("deleted", s.deleted());
      if (s.attachment()) {
        message.put("attachment", new JsonObject().put("url", "https://cdn.example/" + i));
      }
      data.message(message);
    }
    admin.load(data.json());
    key = admin.newKey(data.tenant()).json().getString("apiKey");
  }

  @AfterAll
  void close() {
    http.close();
  }

  List<String> expected(boolean onlyAttachments) {
    return stored.stream()
        .filter(s -> !s.deleted() && (!onlyAttachments || s.attachment()))
        .sorted(Comparator.comparing(Stored::created).thenComparing(Stored::position).reversed())
        .map(Stored::id)
        .toList();
  }

  /** Walks every page of {@code limit} until an empty one; asserts the window fields on the way. */
  List<String> walk(int limit, boolean onlyAttachments) {
    List<String> seen = new ArrayList<>();
    long total = expected(onlyAttachments).size();
    for (int skip = 0; ; skip += limit) {
      Http.Response response = dsc.get("r", "auth=" + key + "&limit=" + limit + "&skip=" + skip
          + (onlyAttachments ? "&onlyAttachments=true" : ""));
      JsonObject page = response.json();
      assertEquals(limit, page.getInteger("limit"));
      assertEquals(skip, page.getInteger("skip"));
      assertEquals(total, page.getLong("totalRecords"));
      JsonArray messages = page.getJsonArray("messages");
      assertEquals(Math.max(0, Math.min(limit, total - skip)), messages.size(), "page at skip " + skip);
      assertEquals(messages.size(), page.getInteger("count"));
      if (messages.isEmpty()) {
        return seen;
      }
      for (int i = 0; i < messages.size(); i++) {
        seen.add(messages.getJsonObject(i).getString("_id"));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 8, 50})
  void pagesOverEqualTimestampsHaveNoDuplicatesAndNoGaps(int limit) {
    assertEquals(expected(false), walk(limit, false));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 50})
  void attachmentPagesOverEqualTimestampsHaveNoDuplicatesAndNoGaps(int limit) {
    assertEquals(expected(true), walk(limit, true));
  }

  @Test
  void oneLargePageIsTheWholeOrderNewestFirst() {
    assertEquals(expected(false), dsc.ids("r", "auth=" + key + "&limit=1000"));
    assertEquals(expected(true), dsc.ids("r", "auth=" + key + "&limit=1000&onlyAttachments=true"));
    assertTrue(expected(true).size() < expected(false).size());
  }

  @Test
  void skipCountsFromTheNewest() {
    List<String> all = expected(false);
    assertEquals(all.subList(5, 8), dsc.ids("r", "auth=" + key + "&skip=5&limit=3"));
    assertEquals(all.subList(all.size() - 1, all.size()), dsc.ids("r", "auth=" + key + "&skip=" + (all.size() - 1)));
  }

  @Test
  void totalsFollowDeletionAndAttachmentChangesOfStoredMessages() {
    JsonObject doc = data.json();
    JsonArray messages = new JsonArray();
    for (int i = 0; i < 4; i++) {
      messages.add(new JsonObject().put("tenant", data.tenant()).put("id", "c" + i).put("room", "changes")
          .put("sender", "u").put("createdAt", BASE.plusMillis(i).toString())
          .put("attachment", new JsonObject().put("url", "https://cdn.example/c" + i)));
    }
    admin.load(doc.put("messages", messages));
    assertTotals(4, 4, List.of("c3", "c2", "c1", "c0"));

    messages.getJsonObject(3).put("deleted", true);
    messages.getJsonObject(1).remove("attachment");
    admin.load(doc.put("messages", messages));
    assertTotals(3, 2, List.of("c2", "c1", "c0"));
    assertEquals(List.of("c2", "c0"), dsc.ids("changes", "auth=" + key + "&onlyAttachments=true"));
  }

  void assertTotals(long live, long withFiles, List<String> ids) {
    assertEquals(live, dsc.get("changes", "auth=" + key).json().getLong("totalRecords"));
    assertEquals(withFiles, dsc.get("changes", "auth=" + key + "&onlyAttachments=true").json().getLong("totalRecords"));
    assertEquals(ids, dsc.ids("changes", "auth=" + key));
  }
}
