package io.chatgw.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/** Echoes a sane incoming {@code X-Request-Id} (1-128 printable ASCII) or makes a new one. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";

  private RequestIds() {}

  public static void assign(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    String id = isAcceptable(incoming) ? incoming : newId();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** 64 random bits in hex: unique enough to correlate logs, and cheap (no SecureRandom per request). */
  static String newId() {
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }

  static boolean isAcceptable(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
