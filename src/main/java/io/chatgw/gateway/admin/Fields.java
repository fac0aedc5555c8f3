package io.chatgw.gateway.admin;

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

  Fields(JsonObject json, String path, Set<String> allowed) {
    this.json = json;
    this.path = path;
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        throw new ImportError(at(name), "unknown member '" + name + "'");
      }
    }
  }

  static Fields of(Object value, String path, Set<String> allowed) {
    if (!(value instanceof JsonObject object)) {
      throw new ImportError(path, "must be an object");
    }
    return new Fields(object, path, allowed);
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
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new ImportError(at(name), "must be a string");
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
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s) || s.isEmpty()) {
        throw new ImportError(at(name) + "[" + i + "]", "must be a non-empty string");
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
    return array;
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
