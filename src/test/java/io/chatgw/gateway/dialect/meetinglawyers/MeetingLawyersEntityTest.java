package io.chatgw.gateway.dialect.meetinglawyers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * dialects.md §4, the Message entity: key order, presence rules, the rendered type, decimal
 * strings, KiB rounded up, {@code created_at} to the character. Each case has a room of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLawyersEntityTest {

  static final String LAWYER = "accec968-ec81-4af7-accb-e0e32e09fb26";
  static final String CLIENT = "285c3d07-9b63-41e0-829f-5d51b31ffd29";
  static final String SEED_PREFIX = "{\"from_user_id\":\"" + LAWYER + "\",\"to_user_id\":\"" + CLIENT
      + "\",\"room_id\":34625,";
  static final String AT = "2024-02-13T20:02:27.165Z";

  Http http;
  Docs data;
  MeetingLawyersClient lawyer;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    data = Docs.newTenant("ml-entity").user(LAWYER, "lawyer").user(CLIENT, "client")
        .room("seed", 34625, LAWYER, CLIENT)
        // the vendor page's example, message for message
        .message(seed("ba7af057-d031-4933-a033-75ddcfb3b260", "2021-08-01T07:12:23.000Z")
            .put("type", "text").put("text", "Te paso una foto y un archivo"))
        .message(seed("cad941bf-27f7-43a9-bb99-d618a7cc6f85", "2021-08-01T07:12:41.000Z")
            .put("type", "image").put("attachment", new JsonObject()
                .put("url", "https://ml-bucket.s3.amazonaws.com/media/4576345.png")
                .put("thumbnailUrl", "https://ml-bucket.s3.amazonaws.com/media/4576345t.png")
                .put("width", 1024).put("height", 512).put("contentType", "image/png")))
        .message(seed("eb1707cd-1f61-4fe1-a96c-d109628dc28c", "2021-08-01T07:13:12.000Z")
            .put("type", "file").put("attachment", new JsonObject()
                .put("url", "https://ml-bucket.s3.amazonaws.com/media/83746234.pdf")
                .put("name", "sample.pdf").put("size", 93_700).put("contentType", "application/pdf")));
    alone(1, new JsonObject().put("status", "read").put("createdAt", "2024-02-13T20:02:27.999Z"));
    alone(2, new JsonObject().put("type", "image").put("attachment", attachment("https://cdn.example/i.png")));
    alone(3, new JsonObject().put("type", "image").put("attachment", attachment("https://cdn.example/w.png")
        .put("width", 640)));
    alone(4, new JsonObject().put("type", "file").put("attachment", attachment("https://cdn.example/f")));
    alone(6, new JsonObject().put("type", "video").put("text", "a clip").put("status", "received")
        .put("attachment", attachment("https://cdn.example/v.mp4").put("name", "v.mp4").put("size", 2048)
            .put("contentType", "video/mp4").put("width", 1920).put("height", 1080)));
    alone(7, new JsonObject().put("type", "system").put("text", "call started"));
    alone(8, new JsonObject().put("type", "image").put("text", "an image that never came"));
    alone(9, new JsonObject().put("type", "file"));
    alone(10, new JsonObject().put("type", "text").put("text", "see attached")
        .put("attachment", attachment("https://cdn.example/t.pdf").put("name", "t.pdf").put("size", 5)));
    alone(11, new JsonObject().put("text", "gone").put("deleted", true));
    alone(Long.MAX_VALUE, new JsonObject().put("text", "\"quoted\" \u00e9\u2603"));
    alone(Long.MAX_VALUE - 1, new JsonObject().put("text", "\"quoted\" \u00e9\u2603\ud83d\ude00"));
    data.room("kib", 5, LAWYER);
    for (long size : new long[] {0, 1, 1024, 1025}) {
      data.message(new JsonObject().put("id", "kib" + size).put("room", "kib").put("sender", LAWYER)
          .put("createdAt", AT).put("type", "file")
          .put("attachment", attachment("https://cdn.example/" + size).put("name", size + ".bin").put("size", size)));
    }
    data.room("empty", 12, LAWYER);
    new Admin(http).load(data.json());
    lawyer = MeetingLawyersClient.of(http, data.tenant(), LAWYER);
  }

  static JsonObject seed(String id, String createdAt) {
    return new JsonObject().put("id", id).put("room", "seed").put("sender", LAWYER)
        .put("recipient", CLIENT).put("createdAt", createdAt);
  }

  static JsonObject attachment(String url) {
    return new JsonObject().put("url", url);
  }

  /** A room {@code number} (id "r<number>") holding one message, id "m<number>", by the lawyer. */
  void alone(long number, JsonObject message) {
    data.room("r" + number, number, LAWYER).message(new JsonObject().put("id", "m" + number)
        .put("room", "r" + number).put("sender", LAWYER).put("createdAt", AT).mergeIn(message));
  }

  String body(long room) {
    Http.Response response = lawyer.get("room=" + room);
    assertEquals(200, response.status(), response.body());
    return response.body();
  }

  static String head(long room, String id) {
    return "[{\"from_user_id\":\"" + LAWYER + "\",\"room_id\":" + room + ",\"message_id\":\"" + id + "\",";
  }

  @AfterAll
  void close() {
    http.close();
  }

  @Test
  void theVendorExampleIsReproducedByteForByte() {
    Http.Response response = lawyer.get("room=34625");
    assertEquals(200, response.status(), response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    assertEquals("["
        + SEED_PREFIX + "\"message_id\":\"ba7af057-d031-4933-a033-75ddcfb3b260\",\"status\":\"sent\","
        + "\"type\":\"text\",\"text\":\"Te paso una foto y un archivo\",\"created_at\":\"2021-08-01T07:12:23\"},"
        + SEED_PREFIX + "\"message_id\":\"cad941bf-27f7-43a9-bb99-d618a7cc6f85\",\"status\":\"sent\","
        + "\"type\":\"image\",\"image_url\":\"https://ml-bucket.s3.amazonaws.com/media/4576345.png\","
        + "\"image_thumb_url\":\"https://ml-bucket.s3.amazonaws.com/media/4576345t.png\","
        + "\"image_width\":\"1024\",\"image_height\":\"512\",\"created_at\":\"2021-08-01T07:12:41\"},"
        + SEED_PREFIX + "\"message_id\":\"eb1707cd-1f61-4fe1-a96c-d109628dc28c\",\"status\":\"sent\","
        + "\"type\":\"file\",\"file_url\":\"https://ml-bucket.s3.amazonaws.com/media/83746234.pdf\","
        + "\"file_name\":\"sample.pdf\",\"file_size\":\"92\",\"created_at\":\"2021-08-01T07:13:12\"}"
        + "]", response.body());
  }

  @Test
  void noRecipientLeavesToUserIdOutAndAMissingTextIsEmpty() {
    assertEquals(head(1, "m1") + "\"status\":\"read\",\"type\":\"text\",\"text\":\"\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(1));
  }

  @Test
  void createdAtDropsTheMillisecondsWithoutRounding() {
    assertEquals("2024-02-13T20:02:27", lawyer.get("room=1").jsonArray().getJsonObject(0).getString("created_at"));
  }

  @Test
  void anImageWithoutThumbnailUsesItsUrlAndLeavesUnknownSizesOut() {
    assertEquals(head(2, "m2") + "\"status\":\"sent\",\"type\":\"image\","
        + "\"image_url\":\"https://cdn.example/i.png\",\"image_thumb_url\":\"https://cdn.example/i.png\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(2));
    assertEquals(head(3, "m3") + "\"status\":\"sent\",\"type\":\"image\","
        + "\"image_url\":\"https://cdn.example/w.png\",\"image_thumb_url\":\"https://cdn.example/w.png\","
        + "\"image_width\":\"640\",\"created_at\":\"2024-02-13T20:02:27\"}]", body(3));
  }

  @Test
  void aFileWithoutNameOrSizeLeavesThemOut() {
    assertEquals(head(4, "m4") + "\"status\":\"sent\",\"type\":\"file\",\"file_url\":\"https://cdn.example/f\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(4));
  }

  @Test
  void fileSizeIsKibRoundedUp() {
    JsonArray messages = lawyer.get("room=5").jsonArray();
    List<String> sizes = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      sizes.add(messages.getJsonObject(i).getString("file_size"));
    }
    assertEquals(List.of("0", "1", "1", "2"), sizes);
    assertEquals("{\"from_user_id\":\"" + LAWYER + "\",\"room_id\":5,\"message_id\":\"kib1025\","
        + "\"status\":\"sent\",\"type\":\"file\",\"file_url\":\"https://cdn.example/1025\",\"file_name\":\"1025.bin\","
        + "\"file_size\":\"2\",\"created_at\":\"2024-02-13T20:02:27\"}", messages.getJsonObject(3).encode());
  }

  @Test
  void anotherKindWithAnAttachmentRendersAsFile() {
    assertEquals(head(6, "m6") + "\"status\":\"received\",\"type\":\"file\","
        + "\"file_url\":\"https://cdn.example/v.mp4\",\"file_name\":\"v.mp4\",\"file_size\":\"2\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(6));
  }

  @Test
  void anotherKindWithoutAttachmentRendersAsText() {
    assertEquals(head(7, "m7") + "\"status\":\"sent\",\"type\":\"text\",\"text\":\"call started\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(7));
  }

  /** Decision: image and file need an attachment to render as such; without one they are text. */
  @Test
  void anImageOrFileWithoutAttachmentRendersAsText() {
    assertEquals(head(8, "m8") + "\"status\":\"sent\",\"type\":\"text\",\"text\":\"an image that never came\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(8));
    assertEquals(head(9, "m9") + "\"status\":\"sent\",\"type\":\"text\",\"text\":\"\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(9));
  }

  @Test
  void aTextMessageStaysTextEvenWithAnAttachment() {
    assertEquals(head(10, "m10") + "\"status\":\"sent\",\"type\":\"text\",\"text\":\"see attached\","
        + "\"created_at\":\"2024-02-13T20:02:27\"}]", body(10));
  }

  @Test
  void deletedMessagesAreLeftOutAndAnEmptyRoomIsAnEmptyArray() {
    assertEquals("[]", body(11));
    assertEquals("[]", body(12));
  }

  @Test
  void roomIdIsTheRoomNumberAsAJsonIntegerUpToTheLargestAndTextIsRawUtf8() {
    assertEquals(head(Long.MAX_VALUE, "m" + Long.MAX_VALUE) + "\"status\":\"sent\",\"type\":\"text\","
        + "\"text\":\"\\\"quoted\\\" \u00e9\u2603\",\"created_at\":\"2024-02-13T20:02:27\"}]",
        body(Long.MAX_VALUE));
  }

  /** Outside the BMP the shared JSON writer escapes surrogate pairs; the decoded text is the same. */
  @Test
  void textOutsideTheBasicPlaneSurvives() {
    assertEquals("\"quoted\" \u00e9\u2603\ud83d\ude00", lawyer.get("room=" + (Long.MAX_VALUE - 1))
        .jsonArray().getJsonObject(0).getString("text"));
  }
}
