package io.chatgw.gateway.dialect.deadsimplechat;

import static io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Docs;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dialects.md §2 and the common rule on numbers: {@code limit} 1..1000, {@code skip} 0..10000000,
 * base-10 ASCII digits only (no sign, space, fraction, exponent, hex, other scripts' digits,
 * overflow); {@code onlyAttachments} exactly {@code true} or {@code false} (case-sensitive). Values
 * are given as they appear in the raw query string.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadSimpleChatValidationTest {

  Http http;
  DeadSimpleChatClient dsc;
  String key;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    Admin admin = new Admin(http);
    dsc = new DeadSimpleChatClient(http);
    Docs data = Docs.newTenant("dsc-valid").user("u", "u").room("r", 1, "u")
        .message("m1", "r", "u", "one", Instant.parse("2024-01-01T00:00:00Z"))
        .message(new JsonObject().put("id", "m2").put("room", "r").put("sender", "u")
            .put("createdAt", "2024-01-01T00:00:01Z").put("attachment", new JsonObject().put("url", "https://x/y")));
    admin.load(data.json());
    key = admin.newKey(data.tenant()).json().getString("apiKey");
  }

  @AfterAll
  void close() {
    http.close();
  }

  Http.Response get(String query) {
    return dsc.get("r", "auth=" + key + "&" + query);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "-0", "+5", "%2B5", "%205", "5%20", "5.0", "1e3", "0x10",
      "%D9%A5", "%EF%BC%95", "9223372036854775808", "18446744073709551616", "", "abc", "5,0", "%00"})
  void aLimitOutside1To1000OrNotABase10IntegerIs400(String value) {
    assertError(get("limit=" + value), 400, "limit must be an integer from 1 to 1000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10000001", "-1", "-0", "+5", "%2B5", "%205", "5%20", "5.0", "1e3", "0x10",
      "%D9%A5", "%EF%BC%95", "9223372036854775808", "18446744073709551616", "", "abc", "%00"})
  void aSkipOutside0To10000000OrNotABase10IntegerIs400(String value) {
    assertError(get("skip=" + value), 400, "skip must be an integer from 0 to 10000000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "TRUE", "True", "FALSE", "False", "1", "0", "", "%20true", "true%20",
      "t", "on", "true,false"})
  void onlyAttachmentsOtherThanLowerCaseTrueOrFalseIs400(String value) {
    assertError(get("onlyAttachments=" + value), 400, "onlyAttachments must be true or false");
  }

  @Test
  void parametersWithoutAValueAreBadValuesNotDefaults() {
    assertError(get("limit"), 400, DeadSimpleChatParams.BAD_LIMIT);
    assertError(get("skip"), 400, DeadSimpleChatParams.BAD_SKIP);
    assertError(get("onlyAttachments"), 400, DeadSimpleChatParams.BAD_ONLY_ATTACHMENTS);
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    String body = get("limit=1&skip=0").body();
    assertTrue(body.startsWith("{\"limit\":1,\"skip\":0,\"totalRecords\":2,\"count\":1,\"messages\":[{"), body);
    assertEquals("{\"limit\":1000,\"skip\":10000000,\"totalRecords\":2,\"count\":0,\"messages\":[]}",
        get("limit=1000&skip=10000000").body());
  }

  @Test
  void absentParametersTakeTheirDefaults() {
    String body = dsc.get("r", "auth=" + key).body();
    assertTrue(body.startsWith("{\"limit\":50,\"skip\":0,\"totalRecords\":2,\"count\":2,\"messages\":[{"), body);
  }

  @Test
  void badValuesAreCheckedOnlyAfterTheKey() {
    assertError(dsc.get("r", "limit=0"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    assertError(dsc.get("r", "skip=%2B5&auth=nope"), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
    assertError(dsc.get("r", "onlyAttachments=TRUE&auth="), 401, DeadSimpleChatErrors.UNAUTHORIZED_TEXT);
  }
}
