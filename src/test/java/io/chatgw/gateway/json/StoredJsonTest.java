package io.chatgw.gateway.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Stored jsonb text copied compact, numbers by their digits, null members stripped on request. */
class StoredJsonTest {

  static String copy(String stored, boolean strip) {
    return JsonBuffers.render(64, json -> StoredJson.copy(json, stored, strip)).toString();
  }

  @Test
  void copiesCompactWithTheStoredDigits() {
    String stored = "[{\"id\": \"b1\", \"v\": 1.50, \"n\": null}, 123456789012345678901234567890, 1e-7, [null]]";
    assertEquals("[{\"id\":\"b1\",\"v\":1.50,\"n\":null},123456789012345678901234567890,1e-7,[null]]",
        copy(stored, false));
  }

  @Test
  void stripsNullMembersAtEveryDepthButKeepsNullElements() {
    assertEquals("{\"a\":{\"c\":[null,{}]},\"e\":0}",
        copy("{\"a\": {\"b\": null, \"c\": [null, {\"d\": null}]}, \"e\": 0, \"f\": null}", true));
    assertEquals("\"s\"", copy("\"s\"", true));
  }

  @Test
  void aNumberLongerThanJacksonsDefaultLimitIsCopiedWhole() {
    String digits = "1" + "0".repeat(1500);
    assertEquals("{\"amount\":" + digits + "}", copy("{\"amount\": " + digits + "}", true));
  }
}
