package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.LogCapture;
import io.chatgw.gateway.support.TestGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No API key, token or JWT in any log line; no stack trace or SQL in any response body. */
class SecretsStayOutOfLogsTest {

  @Test
  void credentialsNeverReachALogLine() throws InterruptedException {
    try (LogCapture captured = LogCapture.of(Logger.ROOT_LOGGER_NAME, "access");
        Http http = new Http(TestGateway.shared().port())) {
      Docs d = Docs.newTenant("logs").user("u", "u").room("r", 1, "u");
      Admin admin = new Admin(http);
      admin.load(d.json());
      String token = admin.tokens(d.tenant(), "u").getString("sessionToken");
      String jwt = admin.tokens(d.tenant(), "u").getString("jwt");
      List<String> secrets = new ArrayList<>(List.of(token, jwt, "query-secret-4711", TestGateway.ADMIN_TOKEN));
      http.get("/api/get_room_messages?room_id=1&auth=query-secret-4711", "Authorization", token);
      http.get("/api/get_room_messages?room_id=1", "Authorization", "Bearer " + jwt);
      http.get("/api/get_room_messages?room_id=1", "Authorization", jwt + "tampered");
      http.get("/nope?auth=query-secret-4711");
      secrets.addAll(deadSimpleChatKeysUnderEverySpellingOfAuth(http, admin, d.tenant()));
      Thread.sleep(300); // the access log is written by logback's async appender
      List<String> lines = captured.lines();
      assertTrue(lines.stream().anyMatch(l -> l.contains("/api/get_room_messages")), "requests were logged: " + lines);
      for (String secret : secrets) {
        assertFalse(lines.stream().anyMatch(l -> l.contains(secret)), "a secret reached the log: " + lines);
      }
    }
  }

  /**
   * DeadSimpleChat decodes parameter names, so {@code %61uth} authenticates like {@code auth}:
   * each spelling is served (200) and its key must still be masked. Returns the keys used.
   */
  private static List<String> deadSimpleChatKeysUnderEverySpellingOfAuth(Http http, Admin admin, String tenant) {
    List<String> keys = new ArrayList<>();
    for (String name : List.of("auth", "%61uth", "a%75th", "%61%75%74%68")) {
      String key = admin.newKey(tenant).json().getString("apiKey");
      keys.add(key);
      Http.Response served = http.get("/consumer/api/v1/chatRoom/r/messages?limit=1&" + name + "=" + key);
      assertEquals(200, served.status(), name + ": " + served.body());
      Http.Response repeated = http.get("/consumer/api/v1/chatRoom/r/messages?" + name + "=bad&auth=x&"
          + name + "=" + key);
      assertEquals(200, repeated.status(), name + " repeated: " + repeated.body());
    }
    String token = "native-access-token-0815";
    keys.add(token);
    http.get("/api/v2/rooms/r/messages?access_token=" + token);
    http.get("/consumer/api/v1/chatRoom/r/messages?AUTH=" + token + "&ACCESS%5FTOKEN=" + token);
    return keys;
  }
}
