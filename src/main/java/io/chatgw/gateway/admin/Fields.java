package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Typed, path-aware reads of one import entity; every failure names the member. */
final class Fields {

  private final JsonObject json;
  private final String path;
  private final ImportLimits limits;

  Fields(JsonObject json, String path, Set<String> allowed, ImportLimits limits) {
    this.json = json;
    this.path = path;
    this.limits = limits;
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        throw new ImportError(at(name), "unknown member '" + name + "'");
      }
    }
  }

  static Fields of(Object value, String path, Set<String> allowed, ImportLimits limits) {
    if (!(value instanceof JsonObject object)) {
      throw new ImportError(path, "must be an object");
    }
    return new Fields(object, path, allowed, limits);
  }

  String at(String name) {
    return path + "." + name;
  }

  boolean has(String name) {
    return json.containsKey(name) && json.getValue(name) != null;
  }

  String string(String name) {
    String value = optString(name);
    if (value == null || value.isEmpty()) {
      throw new ImportError(at(name), "is required");
    }
    return value;
  }

  String optString(String name) {
    return optString(name, limits.maxStringBytes());
  }

  /** A string of at most {@code maxBytes} UTF-8 bytes, or null when absent. */
  String optString(String name, int maxBytes) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new ImportError(at(name), "must be a string");
    }
    if (s.length() > maxBytes || Utf8.length(s) > maxBytes) {
      throw new ImportError(at(name), "is longer than " + maxBytes + " bytes");
    }
    return s;
  }

  String oneOf(String name, String fallback, Set<String> allowed) {
    String value = optString(name);
    if (value == null) {
      return fallback;
    }
    if (!allowed.contains(value)) {
      throw new ImportError(at(name), "must be one of " + allowed);
    }
    return value;
  }

  boolean bool(String name, boolean fallback) {
    Object value = json.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw new ImportError(at(name), "must be true or false");
    }
    return b;
  }

  Long optLong(String name, long min, long max) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || !isIntegral(n) || n.longValue() < min || n.longValue() > max) {
      throw new ImportError(at(name), "must be an integer between " + min + " and " + max);
    }
    return n.longValue();
  }

  Double optDouble(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw new ImportError(at(name), "must be a number");
    }
    return n.doubleValue();
  }

  OffsetDateTime optTime(String name) {
    return time(json.getValue(name), at(name));
  }

  /** ISO-8601 (a missing zone means UTC) or integer epoch milliseconds. */
  static OffsetDateTime time(Object value, String path) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && isIntegral(n)) {
      return OffsetDateTime.ofInstant(Instant.ofEpochMilli(n.longValue()), ZoneOffset.UTC);
    }
    if (value instanceof String s) {
      try {
        return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException withoutZone) {
        try {
          return LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          // fall through to the error below
        }
      }
    }
    throw new ImportError(path, "must be an ISO-8601 time or epoch milliseconds");
  }

  /** A list of non-empty strings, or null when the member is absent. */
  List<String> optStrings(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw new ImportError(at(name), "must be an array of strings");
    }
    items(name, array);
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s) || s.isEmpty()) {
        throw new ImportError(at(name) + "[" + i + "]", "must be a non-empty string");
      }
      if (s.length() > limits.maxStringBytes() || Utf8.length(s) > limits.maxStringBytes()) {
        throw new ImportError(at(name) + "[" + i + "]", "is longer than " + limits.maxStringBytes() + " bytes");
      }
      out.add(s);
    }
    return out;
  }

  JsonArray optArray(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw new ImportError(at(name), "must be an array");
    }
    items(name, array);
    return array;
  }

  private void items(String name, JsonArray array) {
    if (array.size() > limits.maxItems()) {
      throw new ImportError(at(name), "has more than " + limits.maxItems() + " items");
    }
  }

  /**
   * A member holding any JSON ({@code payload}, {@code actionButtons}, {@code creditTransfer}),
   * encoded, within the size and nesting limits; null when absent.
   */
  String optJson(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (JsonDepth.exceeds(value, limits.maxDepth())) {
      throw new ImportError(at(name), "is nested deeper than " + limits.maxDepth() + " levels");
    }
    String encoded = io.vertx.core.json.Json.encode(value);
    if (encoded.length() > limits.maxJsonBytes() || Utf8.length(encoded) > limits.maxJsonBytes()) {
      throw new ImportError(at(name), "is longer than " + limits.maxJsonBytes() + " bytes as JSON");
    }
    return encoded;
  }

  Object raw(String name) {
    return json.getValue(name);
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || (n instanceof java.math.BigInteger b && b.bitLength() < 64)
        || (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15);
  }
}
