package io.chatgw.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One section of the JSON configuration behind typed getters. A getter names the full dotted key
 * when the value has the wrong type or range and remembers the key as known;
 * {@link #rejectUnknownKeys()} then fails on every key no getter asked for (a typo, a stale key).
 * A missing key and a JSON {@code null} both mean "the default".
 */
public final class ConfigReader {

  /** Inclusive bounds of a number. */
  public record Range(long min, long max) {
    public static final Range ANY = new Range(Long.MIN_VALUE, Long.MAX_VALUE);
    public static final Range POSITIVE = new Range(1, Long.MAX_VALUE);
    public static final Range NON_NEGATIVE = new Range(0, Long.MAX_VALUE);
    public static final Range PORT = new Range(0, 65535);
  }

  private final String path;
  private final JsonObject json;
  private final Set<String> known = new LinkedHashSet<>();
  private final List<ConfigReader> sections = new ArrayList<>();

  private ConfigReader(String path, JsonObject json) {
    this.path = path;
    this.json = json;
  }

  /** The whole configuration document. */
  public static ConfigReader of(JsonObject json) {
    return new ConfigReader("", json);
  }

  /** The full dotted name of {@code key} in this section, as error messages print it. */
  public String name(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public ConfigReader section(String key) {
    Object value = value(key);
    if (value != null && !(value instanceof JsonObject)) {
      throw wrongType(key, "a JSON object", value);
    }
    ConfigReader section = new ConfigReader(name(key), value == null ? new JsonObject() : (JsonObject) value);
    sections.add(section);
    return section;
  }

  public int integer(String key, int defaultValue) {
    return integer(key, defaultValue, Range.ANY);
  }

  public int integer(String key, int defaultValue, Range range) {
    Range within = new Range(Math.max(range.min(), Integer.MIN_VALUE), Math.min(range.max(), Integer.MAX_VALUE));
    return (int) longValue(key, defaultValue, within);
  }

  public long longValue(String key, long defaultValue) {
    return longValue(key, defaultValue, Range.ANY);
  }

  public long longValue(String key, long defaultValue, Range range) {
    Object value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
      throw wrongType(key, "an integer", value);
    }
    BigInteger whole = value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
    if (whole.compareTo(BigInteger.valueOf(range.min())) < 0 || whole.compareTo(BigInteger.valueOf(range.max())) > 0) {
      throw new IllegalArgumentException(name(key) + " must be " + bounds(range, whole) + ", got " + whole);
    }
    return whole.longValue();
  }

  public boolean bool(String key, boolean defaultValue) {
    Object value = value(key);
    if (value != null && !(value instanceof Boolean)) {
      throw wrongType(key, "true or false", value);
    }
    return value == null ? defaultValue : (Boolean) value;
  }

  public String string(String key, String defaultValue) {
    Object value = value(key);
    if (value != null && !(value instanceof String)) {
      throw wrongType(key, "a string", value);
    }
    return value == null ? defaultValue : (String) value;
  }

  /** A string that may be absent: empty when missing, null or blank; trimmed. */
  public Optional<String> text(String key) {
    String value = string(key, null);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** An array of strings; empty when missing or null. */
  public List<String> strings(String key) {
    Object value = value(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw wrongType(key, "an array of strings", value);
    }
    List<String> values = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw new IllegalArgumentException(name(key) + " must be an array of strings, got an element "
            + (item == null ? "null" : describe(item)));
      }
      values.add(text);
    }
    return List.copyOf(values);
  }

  /** Fails naming every key of this section and its sections that no getter asked for. */
  public void rejectUnknownKeys() {
    List<String> unknown = new ArrayList<>();
    collectUnknown(unknown);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException((unknown.size() == 1 ? "unknown configuration key " : "unknown configuration keys ")
          + String.join("; ", unknown));
    }
  }

  private void collectUnknown(List<String> unknown) {
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        unknown.add(name(key) + " (" + (path.isEmpty() ? "the top level" : path) + " has: " + String.join(", ", known) + ")");
      }
    }
    sections.forEach(s -> s.collectUnknown(unknown));
  }

  private Object value(String key) {
    known.add(key);
    return json.getValue(key);
  }

  private IllegalArgumentException wrongType(String key, String expected, Object value) {
    return new IllegalArgumentException(name(key) + " must be " + expected + ", got " + describe(value));
  }

  private static String bounds(Range range, BigInteger value) {
    boolean unboundedAbove = range.max() == Long.MAX_VALUE || range.max() == Integer.MAX_VALUE;
    if (unboundedAbove && value.compareTo(BigInteger.valueOf(range.min())) < 0) {
      return range.min() == 1 ? "> 0" : ">= " + range.min();
    }
    if (range.min() == Long.MIN_VALUE || range.min() == Integer.MIN_VALUE) {
      return "<= " + range.max();
    }
    return "between " + range.min() + " and " + range.max();
  }

  /** Numbers and booleans as they are; a string is not repeated (it may be a misplaced secret). */
  private static String describe(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return value instanceof String ? "a string" : value instanceof JsonArray ? "an array" : "an object";
  }
}
