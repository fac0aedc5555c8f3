package io.chatgw.gateway.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The configuration as one log line, secrets masked: a field named like a token, secret or
 * password prints {@code ***}, a key or PEM prints {@code set}, a URL keeps all but its password.
 * It walks the records, so a new field of {@link GatewayConfig} is logged without a line here.
 */
public final class EffectiveConfig {

  private EffectiveConfig() {}

  public static String describe(GatewayConfig config) {
    return describe((Record) config);
  }

  /** Any configuration record (or part of one) as {@code key=value} pairs, secrets masked. */
  static String describe(Record config) {
    StringJoiner line = new StringJoiner(" ");
    append(line, "", config);
    return line.toString();
  }

  private static void append(StringJoiner line, String prefix, Record record) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object value = read(component, record);
      String key = prefix + component.getName();
      if (value instanceof Record nested) {
        append(line, key + ".", nested);
      } else {
        line.add(key + "=" + shown(component.getName(), value));
      }
    }
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  static String shown(String name, Object value) {
    Object plain = value instanceof Optional<?> optional ? optional.orElse(null) : value;
    if (plain == null) {
      return "unset";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("token") || lower.contains("secret") || lower.contains("password")) {
      return "***";
    }
    if (lower.contains("key") || lower.contains("pem")) {
      return "set";
    }
    if (lower.contains("url") && plain instanceof List<?> urls) {
      return urls.stream().map(url -> withoutPassword(url.toString())).toList().toString();
    }
    return lower.contains("url") ? withoutPassword(plain.toString()) : plain.toString();
  }

  /** {@code postgresql://u:pw@host/db?password=pw} becomes {@code postgresql://u:***@host/db?password=***}. */
  static String withoutPassword(String url) {
    int query = url.indexOf('?');
    String head = query < 0 ? url : url.substring(0, query);
    String tail = query < 0 ? "" : url.substring(query);
    int scheme = head.indexOf("://");
    int at = head.lastIndexOf('@');
    if (scheme >= 0 && at > scheme) {
      int colon = head.indexOf(':', scheme + 3);
      if (colon >= 0 && colon < at) {
        head = head.substring(0, colon + 1) + "***" + head.substring(at);
      }
    }
    return head + tail.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }
}
