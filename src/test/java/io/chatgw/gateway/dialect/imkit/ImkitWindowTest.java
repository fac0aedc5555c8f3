package io.chatgw.gateway.dialect.imkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §5: which messages a page holds. K = timeRangeField, ties by insertion order; data
 * newest first; afterTime exclusive; anchors are positions in (K, insertion order); an after-filter
 * without beforeMessage takes the entries closest after it, anything else the newest that pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImkitWindowTest {

  static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  Http http;
  ImkitClient client;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Docs docs = Docs.newTenant("imkit-window").user("u", "u").room("fields", 1, "u").room("ties", 2, "u")
        .room("times", 3, "u").room("many", 4, "u");
    // createdAt p<q<r<s, updatedAt r<p<s<q, messageTime s<r<q<p
    docs.message(message("p", "fields", T.plusSeconds(1), T.plusSeconds(20), T.plusSeconds(40)))
        .message(message("q", "fields", T.plusSeconds(2), T.plusSeconds(40), T.plusSeconds(30)))
        .message(message("r", "fields", T.plusSeconds(3), T.plusSeconds(10), T.plusSeconds(20)))
        .message(message("s", "fields", T.plusSeconds(4), T.plusSeconds(30), T.plusSeconds(10)));
    // total order x < zz < aa < mm < bb < cc < y: five entries share K = T, ids unlike insertion order
    docs.message(message("x", "ties", T.minusMillis(1)));
    for (String id : List.of("zz", "aa", "mm", "bb", "cc")) {
      docs.message(message(id, "ties", T));
    }
    docs.message(message("y", "ties", T.plusMillis(1)));
    docs.message(message("gone", "ties", T.minusSeconds(5)).put("deleted", true));
    for (int i = 1; i <= 5; i++) {
      docs.message(message("t" + i, "times", T.plusSeconds(i)));
    }
    for (int i = 0; i < 501; i++) {
      docs.message(message("n" + i, "many", T.plusMillis(i)));
    }
    client = ImkitClient.load(http, docs, "u");
  }

  @AfterAll
  void close() {
    http.close();
  }

  static JsonObject message(String id, String room, Instant at) {
    return message(id, room, at, at, at);
  }

  static JsonObject message(String id, String room, Instant created, Instant updated, Instant messageTime) {
    return new JsonObject().put("id", id).put("room", room).put("sender", "u").put("text", id)
        .put("createdAt", created.toString()).put("updatedAt", updated.toString())
        .put("messageTime", messageTime.toString());
  }

  List<String> ids(String room, String query) {
    return client.ids(room, query);
  }

  @Test
  void dataIsNewestFirstByTheTimeRangeFieldDefaultUpdatedAt() {
    assertEquals(List.of("q", "s", "p", "r"), ids("fields", null));
    assertEquals(List.of("q", "s", "p", "r"), ids("fields", "timeRangeField=updatedAt"));
    assertEquals(List.of("s", "r", "q", "p"), ids("fields", "timeRangeField=createdAt"));
    assertEquals(List.of("p", "q", "r", "s"), ids("fields", "timeRangeField=messageTime"));
  }

  @Test
  void afterTimeFiltersOnTheTimeRangeField() {
    String after = "afterTime=" + T.plusSeconds(25);
    assertEquals(List.of("q", "s"), ids("fields", after));
    assertEquals(List.of(), ids("fields", after + "&timeRangeField=createdAt"));
    assertEquals(List.of("p", "q"), ids("fields", after + "&timeRangeField=messageTime"));
  }

  @Test
  void equalTimesKeepInsertionOrderAndDeletedMessagesAreIncluded() {
    assertEquals(List.of("y", "cc", "bb", "mm", "aa", "zz", "x", "gone"), ids("ties", null));
    JsonObject gone = ImkitClient.result(client.get("ties", "beforeMessage=x")).getJsonArray("data").getJsonObject(0);
    assertEquals("gone", gone.getString("_id"));
    assertEquals(true, gone.getBoolean("isDeleted"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-05-01T10:00:03Z", "2024-05-01T10:00:03.000Z", "2024-05-01T10:00:03",
      "2024-05-01T10:00:03.000", "2024-05-01T12:00:03%2B02:00", "2024-05-01T07:30:03-02:30",
      "2024-05-01T10:00:03.000000Z", "2024-05-01t10:00:03z", "1714557603000"})
  void afterTimeIsExclusiveInEveryAcceptedForm(String afterTime) {
    assertEquals(List.of("t5", "t4"), ids("times", "afterTime=" + afterTime));
  }

  @Test
  void afterTimeKeepsMicroseconds() {
    assertEquals(List.of("t5", "t4", "t3"), ids("times", "afterTime=2024-05-01T10:00:02.999999Z"));
    assertEquals(List.of("t5", "t4"), ids("times", "afterTime=2024-05-01T10:00:03.000001Z"));
    assertEquals(List.of("t5", "t4", "t3"), ids("times", "afterTime=1714557602999"));
  }

  @Test
  void afterTimeTakesTheEntriesClosestAfterItNotTheNewest() {
    assertEquals(List.of("t3", "t2"), ids("times", "afterTime=" + T.plusSeconds(1) + "&limit=2"));
    assertEquals(List.of("t2", "t1"), ids("times", "afterTime=0&limit=2"));
  }

  @Test
  void beforeMessageTakesTheNewestBeforeTheAnchorWithoutSkippingTies() {
    assertEquals(List.of("aa", "zz", "x", "gone"), ids("ties", "beforeMessage=mm"));
    assertEquals(List.of("aa"), ids("ties", "beforeMessage=mm&limit=1"));
    assertEquals(List.of("zz", "x"), ids("ties", "beforeMessage=aa&limit=2"));
    assertEquals(List.of(), ids("ties", "beforeMessage=gone"));
  }

  @Test
  void afterMessageTakesTheClosestAfterTheAnchorWithoutSkippingTies() {
    assertEquals(List.of("y", "cc", "bb"), ids("ties", "afterMessage=mm"));
    assertEquals(List.of("bb"), ids("ties", "afterMessage=mm&limit=1"));
    assertEquals(List.of("aa", "zz"), ids("ties", "afterMessage=x&limit=2"));
    assertEquals(List.of(), ids("ties", "afterMessage=y"));
  }

  @Test
  void bothAnchorsBoundTheWindowAndTheNewestThatPassAreTaken() {
    assertEquals(List.of("bb", "mm", "aa"), ids("ties", "afterMessage=zz&beforeMessage=cc"));
    assertEquals(List.of("bb", "mm"), ids("ties", "afterMessage=zz&beforeMessage=cc&limit=2"));
    assertEquals(List.of(), ids("ties", "afterMessage=cc&beforeMessage=zz"));
    assertEquals(List.of(), ids("ties", "afterMessage=mm&beforeMessage=mm"));
  }

  @Test
  void afterTimeAndAnAnchorAreAnded() {
    String atT = "afterTime=" + T;
    String beforeT = "afterTime=" + T.minusMillis(1);
    assertEquals(List.of("y"), ids("ties", atT + "&afterMessage=zz"));
    assertEquals(List.of("y", "cc"), ids("ties", beforeT + "&afterMessage=bb"));
    assertEquals(List.of("aa", "zz"), ids("ties", beforeT + "&afterMessage=x&limit=2"));
    assertEquals(List.of("mm", "aa", "zz"), ids("ties", beforeT + "&beforeMessage=bb"));
    assertEquals(List.of("mm", "aa"), ids("ties", beforeT + "&beforeMessage=bb&limit=2"));
    assertEquals(List.of(), ids("ties", atT + "&beforeMessage=y"));
  }

  @Test
  void limitDefaultsTo20AndGoesUpTo500() {
    List<String> page = ids("many", null);
    assertEquals(20, page.size());
    assertEquals("n500", page.get(0));
    assertEquals(500, ids("many", "limit=500").size());
    assertEquals(List.of("n500"), ids("many", "limit=1"));
    assertEquals(List.of("n500"), ids("many", "limit=001"));
  }

  @Test
  void totalCountIsEveryMessageOfTheRoomWhateverTheWindow() {
    assertEquals(8, ImkitClient.result(client.get("ties", "afterMessage=y")).getInteger("totalCount"));
    assertEquals(501, ImkitClient.result(client.get("many", "limit=1")).getInteger("totalCount"));
  }

  @Test
  void inspectQueryDescribesTheAppliedFilter() {
    String prefix = "{\"appID\":\"" + client.tenant + "\",\"room\":";
    assertEquals(prefix + "\"times\",\"messageTime\":{\"$gt\":\"2020-10-15T03:50:04.000Z\"}}",
        query("times", "afterTime=2020-10-15T03:50:04Z&timeRangeField=messageTime"));
    assertEquals(prefix + "\"times\",\"updatedAt\":{\"$gt\":\"2020-10-16T03:01:07.123Z\"}}",
        query("times", "afterTime=1602817267123"));
    assertEquals(prefix + "\"ties\",\"createdAt\":{\"$gt\":\"2024-05-01T09:59:00.000Z\","
        + "\"$gte\":\"2024-05-01T10:00:00.000Z\",\"$lte\":\"2024-05-01T10:00:00.001Z\"},"
        + "\"afterMessage\":\"zz\",\"beforeMessage\":\"y\"}",
        query("ties", "afterTime=2024-05-01T09:59:00Z&afterMessage=zz&beforeMessage=y&timeRangeField=createdAt"));
    assertEquals(prefix + "\"ties\",\"updatedAt\":{\"$lte\":\"2024-05-01T09:59:55.000Z\"},\"beforeMessage\":\"gone\"}",
        query("ties", "beforeMessage=gone"));
  }

  String query(String room, String query) {
    return ImkitClient.result(client.get(room, query)).getJsonObject("inspect").getJsonObject("query").encode();
  }
}
