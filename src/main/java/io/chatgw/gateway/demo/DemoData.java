package io.chatgw.gateway.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A small demo data set, loaded through the admin API like any client would, then credentials
 * minted for it and ready-to-paste curl lines. Runs on the main thread, never on an event loop.
 */
public final class DemoData {

  public static final String TENANT = "demo";
  public static final String ROOM_ID = "OmPS_VtLS";
  public static final long ROOM_NUMBER = 42;

  private DemoData() {}

  /** The demo document, with message times in the last hour before {@code now}. */
  public static JsonObject document(Instant now) {
    JsonArray messages = new JsonArray();
    String[][] lines = {
        {"u1", "Hello everyone!"}, {"u2", "Hi John!"}, {"u3", "How is it going?"},
        {"u1", "Sharing the plan"}, {"u2", ""}, {"u3", "Looks good to me"},
        {"u1", "Minutes attached"}, {"u2", "sent the wrong thing, deleted"}, {"u3", "Thanks, paying you back"}};
    for (int i = 0; i < lines.length; i++) {
      JsonObject m = new JsonObject()
          .put("tenant", TENANT).put("room", ROOM_ID).put("id", String.format("65cbcad33126694ef8236f%02x", i))
          .put("sender", lines[i][0]).put("text", lines[i][1])
          .put("createdAt", now.minusSeconds(3600L - i * 240L).toEpochMilli());
      if (i == 4) {
        m.put("type", "image").put("attachment", new JsonObject()
            .put("url", "https://cdn.example/demo/plan.jpeg").put("name", "plan.jpeg")
            .put("size", 477245).put("contentType", "image/jpeg").put("width", 800).put("height", 600));
      }
      if (i == 3) {
        m.put("readBy", new JsonArray()
            .add(new JsonObject().put("user", "u2").put("readAt", now.minusSeconds(2000).toEpochMilli()))
            .add(new JsonObject().put("user", "u3").put("readAt", now.minusSeconds(1900).toEpochMilli())));
      }
      if (i == 6) {
        m.put("type", "file").put("attachment", new JsonObject()
            .put("url", "https://cdn.example/demo/minutes.pdf").put("name", "minutes.pdf")
            .put("size", 94_210).put("contentType", "application/pdf"));
      }
      if (i == 7) {
        m.put("deleted", true).put("hiddenBy", new JsonArray().add("u1"));
      }
      if (i == 8) {
        m.put("creditTransfer", new JsonObject().put("amount", 25).put("recipientId", "u1").put("senderId", "u3"));
      }
      if (i == 0) {
        m.put("reactions", new JsonArray().add(new JsonObject().put("id", "65cbca663126694ef8236ee3")
            .put("user", "u2").put("reaction", "wave").put("createdAt", now.minusSeconds(3000).toEpochMilli())));
      }
      messages.add(m);
    }
    return new JsonObject()
        .put("tenants", new JsonArray().add(new JsonObject().put("id", TENANT).put("name", "Demo Inc.")))
        .put("users", new JsonArray()
            .add(user("u1", "john_doe", "John"))
            .add(user("u2", "jane_smith", "Jane"))
            .add(user("u3", "sam", "Sam")))
        .put("rooms", new JsonArray()
            .add(new JsonObject().put("tenant", TENANT).put("id", ROOM_ID).put("number", ROOM_NUMBER)
                .put("name", "General").put("members", new JsonArray().add("u1").add("u2").add("u3")))
            .add(new JsonObject().put("tenant", TENANT).put("id", "ops").put("number", 7)
                .put("name", "Ops").put("members", new JsonArray().add("u2"))))
        .put("messages", messages);
  }

  private static JsonObject user(String id, String username, String nickname) {
    return new JsonObject().put("tenant", TENANT).put("id", id).put("username", username)
        .put("nickname", nickname).put("availabilityStatus", "available")
        .put("avatarUrl", "https://cdn.example/avatars/" + id + ".png");
  }

  /** Loads the demo data into the gateway on {@code port}; returns the text to print. */
  public static String load(int port, String adminToken) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://127.0.0.1:" + port;
    post(http, base + "/admin/v1/import", adminToken, document(Instant.now()));
    JsonObject tokens = post(http, base + "/admin/v1/tenants/" + TENANT + "/tokens", adminToken,
        new JsonObject().put("user", "u1").put("ttlSeconds", 86400));
    JsonObject key = post(http, base + "/admin/v1/tenants/" + TENANT + "/keys", adminToken, new JsonObject());
    String local = "localhost:" + port;
    String jwt = tokens.getString("jwt");
    String apiKey = key.getString("apiKey");
    return String.join("\n",
        "",
        "Demo data loaded (tenant '" + TENANT + "', room " + ROOM_ID + " = number " + ROOM_NUMBER
            + ", user u1 = john_doe). Try:",
        "",
        "# Mirage, with an opaque session token",
        "curl -H 'Authorization: " + tokens.getString("sessionToken") + "' '" + local
            + "/api/get_room_messages?room_id=" + ROOM_NUMBER + "'",
        "# DeadSimpleChat, with the tenant API key",
        "curl '" + local + "/consumer/api/v1/chatRoom/" + ROOM_ID + "/messages?auth=" + apiKey + "'",
        "# Allmine, with a gateway JWT",
        "curl -H 'Authorization: Bearer " + jwt + "' '" + local + "/api/v1/messages/chat/" + ROOM_ID + "'",
        "# MeetingLawyers, with the API key and a JWT",
        "curl -H 'Api-Key: " + apiKey + "' -H 'Authorization: Bearer " + jwt + "' '" + local
            + "/chat/message?room=" + ROOM_NUMBER + "&limit=50'",
        "# IMKit, with the API key and a JWT",
        "curl -H 'IM-CLIENT-KEY: " + apiKey + "' -H 'IM-Authorization: " + jwt + "' '" + local
            + "/rooms/" + ROOM_ID + "/messages/v3'",
        "",
        "Admin token: " + adminToken,
        "Serving until Ctrl-C.",
        "");
  }

  private static JsonObject post(HttpClient http, String url, String adminToken, JsonObject body)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }
}
