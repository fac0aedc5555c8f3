package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The access log never carries the auth query value (DeadSimpleChat's API key). */
class AccessLogTest {

  @Test
  void theAuthQueryValueIsMaskedWherever() {
    assertEquals("/c/messages?auth=***&limit=5", AccessLog.masked("/c/messages?auth=secret-key&limit=5"));
    assertEquals("/c/messages?limit=5&auth=***", AccessLog.masked("/c/messages?limit=5&auth=secret-key"));
    assertEquals("/c/messages?auth=***&auth=***", AccessLog.masked("/c/messages?auth=a&auth=b"));
    assertEquals("/c/messages?AUTH=***", AccessLog.masked("/c/messages?AUTH=a"));
    assertEquals("/c/messages?oauth=keep", AccessLog.masked("/c/messages?oauth=keep"));
    assertEquals("/c/auth=x/messages", AccessLog.masked("/c/auth=x/messages"));
  }
}
