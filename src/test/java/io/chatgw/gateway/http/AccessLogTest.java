package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The access log never carries a credential-bearing query value (DeadSimpleChat's {@code auth},
 * the native API's {@code access_token}), however its name is spelled on the wire.
 */
class AccessLogTest {

  @Test
  void theCredentialValuesAreMaskedWherever() {
    assertEquals("/c/messages?auth=***&limit=5", AccessLog.masked("/c/messages?auth=secret-key&limit=5"));
    assertEquals("/c/messages?limit=5&auth=***", AccessLog.masked("/c/messages?limit=5&auth=secret-key"));
    assertEquals("/c/messages?auth=***&auth=***", AccessLog.masked("/c/messages?auth=a&auth=b"));
    assertEquals("/n/messages?access_token=***&x=1", AccessLog.masked("/n/messages?access_token=t&x=1"));
    assertEquals("/c/messages?oauth=keep", AccessLog.masked("/c/messages?oauth=keep"));
    assertEquals("/c/auth=x/messages", AccessLog.masked("/c/auth=x/messages"));
    assertEquals("/c/messages", AccessLog.masked("/c/messages"));
  }

  @Test
  void namesAreComparedDecodedAndIgnoringCase() {
    assertEquals("/c/messages?%61uth=***", AccessLog.masked("/c/messages?%61uth=k"));
    assertEquals("/c/messages?a%75th=***", AccessLog.masked("/c/messages?a%75th=k"));
    assertEquals("/c/messages?%41%55%54%48=***", AccessLog.masked("/c/messages?%41%55%54%48=k"));
    assertEquals("/c/messages?AUTH=***", AccessLog.masked("/c/messages?AUTH=k"));
    assertEquals("/c/messages?access%5Ftoken=***", AccessLog.masked("/c/messages?access%5Ftoken=k"));
    assertEquals("/c/messages?Access_Token=***", AccessLog.masked("/c/messages?Access_Token=k"));
  }

  @Test
  void whatCannotBeDecodedIsMasked() {
    assertEquals("/c/messages?***&limit=5", AccessLog.masked("/c/messages?au%zzth=k&limit=5"));
    assertEquals("/c/messages?***", AccessLog.masked("/c/messages?%C3%28"));
    assertEquals("/c/messages?limit=***", AccessLog.masked("/c/messages?limit=%"));
  }

  @Test
  void everythingElseIsLoggedAsSent() {
    String uri = "/c/messages?limit=5&&skip=%32&onlyAttachments&=x&";
    assertEquals(uri, AccessLog.masked(uri));
  }
}
