package io.chatgw.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's run command: every curl line it prints answers 200 with messages. */
class DemoDataTest {

  static final Pattern CURL = Pattern.compile("curl((?: -H '[^']+')*) '([^']+)'");
  static final Pattern HEADER = Pattern.compile("-H '([^:]+): ([^']+)'");

  @Test
  void everyPrintedCurlLineAnswers200WithMessages() throws Exception {
    TestGateway gateway = TestGateway.shared();
    String printed = DemoData.load(gateway.port(), TestGateway.ADMIN_TOKEN);
    Matcher curl = CURL.matcher(printed);
    int lines = 0;
    try (Http http = new Http(gateway.port())) {
      while (curl.find()) {
        lines++;
        List<String> headers = new ArrayList<>();
        Matcher header = HEADER.matcher(curl.group(1));
        while (header.find()) {
          headers.add(header.group(1));
          headers.add(header.group(2));
        }
        String uri = curl.group(2).replaceFirst("^localhost:\\d+", "");
        Http.Response response = http.get(uri, headers.toArray(String[]::new));
        assertEquals(200, response.status(), uri + " -> " + response.body());
        assertFalse(messagesOf(response.body()).isEmpty(), uri + " -> " + response.body());
      }
    }
    assertEquals(5, lines, printed);
  }

  static JsonArray messagesOf(String body) {
    if (body.startsWith("[")) {
      return new JsonArray(body);
    }
    io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(body);
    if (json.containsKey("result")) {
      return json.getJsonObject("result").getJsonArray("data");
    }
    assertTrue(json.containsKey("messages"), body);
    return json.getJsonArray("messages");
  }
}
