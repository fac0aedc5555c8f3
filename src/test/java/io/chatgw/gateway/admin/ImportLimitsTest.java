package io.chatgw.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.config.ImportLimits;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, findings 2, 3 and 5: what an import may hold is bounded by configuration. Field sizes,
 * list lengths and nesting are checked per entity (400 with path); a document larger than the
 * limit is a 413 before it is read; an NDJSON line over the limit ends the request; batches
 * are bounded by bytes, yet a document is still all or nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportLimitsTest {

  static final ImportLimits SMALL = new ImportLimits(256 * 1024, 2, 8, 1000, 8 * 1024, 10_000,
      64 * 1024, 16 * 1024, 16 * 1024, 2048, 200, 100, 32);

  TestGateway gateway;
  Http http;
  Admin admin;
  Instant now = Instant.now();

  @BeforeAll
  void start() {
    gateway = TestGateway.start(c -> c.withImports(SMALL));
    http = new Http(gateway.port());
    admin = new Admin(http);
  }

  @AfterAll
  void stop() {
    http.close();
    gateway.close();
  }

  Docs room() {
    return Docs.newTenant("lim").user("u1", "a").room("r", 1, "u1");
  }

  void assertBadEntity(Http.Response response, String path) {
    assertEquals(400, response.status(), response.body());
    assertEquals("invalid_entity", response.json().getString("error"), response.body());
    assertEquals(path, response.json().getString("path"), response.body());
  }

  long messages(String tenant) {
    return gateway.sql().preparedQuery("SELECT count(*) FROM message WHERE tenant_id = $1")
        .execute(Tuple.of(tenant)).await().iterator().next().getLong(0);
  }

  @Test
  void aTextAtTheLimitIsStoredAndOneByteMoreIsABadEntity() {
    admin.load(room().message("m", "r", "u1", "x".repeat(16 * 1024), now).json());
    assertBadEntity(admin.importJson(room().message("m", "r", "u1", "x".repeat(16 * 1024 + 1), now).json()),
        "messages[0].text");
    // counted in UTF-8 bytes: 5462 three-byte characters are 16,386 bytes
    assertBadEntity(admin.importJson(room().message("m", "r", "u1", "€".repeat(5462), now).json()),
        "messages[0].text");
  }

  @Test
  void otherStringsPayloadsAndListsHaveTheirLimits() {
    assertBadEntity(admin.importJson(Docs.newTenant("lim").user("u1", "n".repeat(2049)).json()), "users[0].username");
    JsonObject big = new JsonObject().put("blob", "p".repeat(16 * 1024));
    assertBadEntity(admin.importJson(room().message(new JsonObject().put("id", "m").put("room", "r")
        .put("sender", "u1").put("payload", big)).json()), "messages[0].payload");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 101; i++) {
      many.add("u1");
    }
    assertBadEntity(admin.importJson(room().message(new JsonObject().put("id", "m").put("room", "r")
        .put("sender", "u1").put("hiddenBy", many)).json()), "messages[0].hiddenBy");
  }

  @Test
  void aPayloadNestedDeeperThanTheLimitIsABadEntityInBothFormats() {
    assertBadEntity(admin.importJson(room().message(new JsonObject().put("id", "m").put("room", "r")
        .put("sender", "u1").put("payload", nested(33))).json()), "messages[0].payload");
    admin.load(room().message(new JsonObject().put("id", "m").put("room", "r").put("sender", "u1")
        .put("payload", nested(32))).json());
    // 998 levels used to be stored, and then broke every DeadSimpleChat and IMKit page of the room
    Docs d = room();
    String lines = ndjson(d) + "{\"kind\":\"message\",\"tenant\":\"" + d.tenant()
        + "\",\"id\":\"deep\",\"room\":\"r\",\"sender\":\"u1\",\"payload\":" + "[".repeat(998) + "]".repeat(998) + "}\n";
    Http.Response response = admin.importNdjson(lines);
    assertEquals(400, response.status(), response.body());
    assertEquals("line 4.payload", response.json().getString("path"), response.body());
  }

  @Test
  void aDocumentOverTheLimitIs413AndNothingIsStored() {
    Docs d = room();
    for (int i = 0; i < 40; i++) {
      d.message("m" + i, "r", "u1", "y".repeat(8 * 1024), now);
    }
    Http.Response response = admin.importJson(d.json());
    assertEquals(413, response.status(), response.body());
    assertEquals("payload_too_large", response.json().getString("error"));
    assertEquals(0, messages(d.tenant()));
  }

  @Test
  void aDocumentWrittenInManyBatchesIsStillAllOrNothing() {
    Docs d = room();
    for (int i = 0; i < 60; i++) {
      d.message("m" + i, "r", "u1", "z".repeat(1000), now);
    }
    d.message("bad", "r", "nobody", "z", now); // found after several 8 KiB batches were written
    Http.Response response = admin.importJson(d.json());
    assertBadEntity(response, "messages[60].sender");
    assertEquals(0, messages(d.tenant()));
  }

  @Test
  void aDocumentIsStoredInDependencyOrderWhateverItsMemberOrder() {
    Docs d = room().message("m1", "r", "u1", "hi", now);
    JsonObject json = d.json();
    JsonObject reversed = new JsonObject();
    for (String name : List.of("sessions", "messages", "rooms", "users", "tenants")) {
      reversed.put(name, json.getValue(name));
    }
    Http.Response response = admin.importJson(reversed);
    assertEquals(200, response.status(), response.body());
    assertEquals(1, messages(d.tenant()));
  }

  @Test
  void anNdjsonLineOverTheLimitEndsTheRequestAndClosesTheConnection() throws Exception {
    Docs d = room();
    byte[] head = ndjson(d).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /admin/v1/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestGateway.ADMIN_TOKEN
          + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      chunk(out, head);
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
      byte[] endless = "{\"kind\":\"message\",\"text\":\"".concat("w".repeat(16 * 1024)).getBytes(StandardCharsets.US_ASCII);
      long sent = 0;
      try {
        while (!answer.isDone() && sent < 64L * 1024 * 1024) {
          chunk(out, endless);
          sent += endless.length;
        }
      } catch (java.io.IOException closedByTheGateway) {
        // expected: the gateway stops reading and closes the connection
      }
      String response = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(response.startsWith("HTTP/1.1 400"), response);
      assertTrue(response.contains("\"path\":\"line 4\""), response);
      assertTrue(response.contains("\"committed\":3"), response);
      assertTrue(sent < 16L * 1024 * 1024, "kept reading: " + sent + " bytes sent");
    }
    assertEquals(0, messages(d.tenant()));
  }

  @Test
  void threeConcurrentImportsAllComplete() {
    List<CompletableFuture<Http.Response>> imports = List.of(1, 2, 3).stream().map(i -> {
      Docs d = room();
      for (int m = 0; m < 50; m++) {
        d.message("m" + m, "r", "u1", "v".repeat(2000), now);
      }
      return CompletableFuture.supplyAsync(() -> {
        try (Http own = new Http(gateway.port())) {
          return new Admin(own).importJson(d.json());
        }
      });
    }).toList();
    for (CompletableFuture<Http.Response> f : imports) {
      Http.Response response = f.join();
      assertEquals(200, response.status(), response.body());
    }
  }

  static Object nested(int depth) {
    Object value = 1;
    for (int i = 0; i < depth; i++) {
      value = new JsonArray().add(value);
    }
    return value;
  }

  static String ndjson(Docs d) {
    return "{\"kind\":\"tenant\",\"id\":\"" + d.tenant() + "\"}\n"
        + "{\"kind\":\"user\",\"tenant\":\"" + d.tenant() + "\",\"id\":\"u1\",\"username\":\"a\"}\n"
        + "{\"kind\":\"room\",\"tenant\":\"" + d.tenant() + "\",\"id\":\"r\",\"members\":[\"u1\"]}\n";
  }

  static void chunk(OutputStream out, byte[] data) throws java.io.IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static String readAll(Socket socket) {
    try (InputStream in = socket.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "read failed: " + e;
    }
  }
}
