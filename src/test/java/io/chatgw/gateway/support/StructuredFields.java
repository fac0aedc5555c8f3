package io.chatgw.gateway.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser of the Structured Fields List (RFC 9651, section 4.2) that the rate-limit fields
 * of draft-ietf-httpapi-ratelimit-headers-11 are made of: items with parameters, bare items being
 * strings, integers, tokens or booleans. Anything else is an {@link IllegalArgumentException}.
 */
public final class StructuredFields {

  /** One list member: its bare item ({@code String}, {@code Long}, {@link Token} or {@code Boolean}) and parameters. */
  public record Item(Object value, Map<String, Object> params) {}

  public record Token(String text) {}

  private final String input;
  private int pos;

  private StructuredFields(String input) {
    this.input = input;
  }

  public static List<Item> parseList(String field) {
    if (field == null) {
      throw new IllegalArgumentException("no field");
    }
    StructuredFields parser = new StructuredFields(field);
    parser.skip(' ');
    List<Item> items = new ArrayList<>();
    while (parser.pos < field.length()) {
      items.add(parser.item());
      parser.skipOws();
      if (parser.pos == field.length()) {
        break;
      }
      parser.expect(',');
      parser.skipOws();
      if (parser.pos == field.length()) {
        throw new IllegalArgumentException("trailing comma in " + field);
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("empty list");
    }
    return items;
  }

  private Item item() {
    Object value = bareItem();
    Map<String, Object> params = new LinkedHashMap<>();
    while (pos < input.length() && input.charAt(pos) == ';') {
      pos++;
      skip(' ');
      String key = key();
      Object param = Boolean.TRUE;
      if (pos < input.length() && input.charAt(pos) == '=') {
        pos++;
        param = bareItem();
      }
      params.put(key, param);
    }
    return new Item(value, params);
  }

  private Object bareItem() {
    if (pos >= input.length()) {
      throw new IllegalArgumentException("item expected at the end of " + input);
    }
    char c = input.charAt(pos);
    if (c == '"') {
      return string();
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return integer();
    }
    if (c == '?') {
      pos++;
      char b = pos < input.length() ? input.charAt(pos++) : 'x';
      if (b != '0' && b != '1') {
        throw new IllegalArgumentException("bad boolean in " + input);
      }
      return b == '1';
    }
    if (isAlpha(c) || c == '*') {
      int start = pos;
      while (pos < input.length() && isTokenChar(input.charAt(pos))) {
        pos++;
      }
      return new Token(input.substring(start, pos));
    }
    throw new IllegalArgumentException("unsupported item at " + pos + " of " + input);
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == '\\') {
        char next = pos < input.length() ? input.charAt(pos++) : 'x';
        if (next != '"' && next != '\\') {
          throw new IllegalArgumentException("bad escape in " + input);
        }
        out.append(next);
      } else if (c == '"') {
        return out.toString();
      } else if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("bad character in string of " + input);
      } else {
        out.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated string in " + input);
  }

  private Long integer() {
    int start = pos;
    if (input.charAt(pos) == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < input.length() && input.charAt(pos) >= '0' && input.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == digits || pos - digits > 15) {
      throw new IllegalArgumentException("bad integer in " + input);
    }
    if (pos < input.length() && input.charAt(pos) == '.') {
      throw new IllegalArgumentException("a decimal where an integer belongs in " + input);
    }
    return Long.parseLong(input.substring(start, pos));
  }

  private String key() {
    int start = pos;
    if (pos >= input.length() || !(isLcAlpha(input.charAt(pos)) || input.charAt(pos) == '*')) {
      throw new IllegalArgumentException("bad key at " + pos + " of " + input);
    }
    while (pos < input.length() && isKeyChar(input.charAt(pos))) {
      pos++;
    }
    return input.substring(start, pos);
  }

  private static boolean isAlpha(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** tchar (RFC 9110), ":" and "/". */
  private static boolean isTokenChar(char c) {
    return isAlpha(c) || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
  }

  private static boolean isKeyChar(char c) {
    return isLcAlpha(c) || c >= '0' && c <= '9' || "_-.*".indexOf(c) >= 0;
  }

  private static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private void expect(char c) {
    if (pos >= input.length() || input.charAt(pos) != c) {
      throw new IllegalArgumentException("'" + c + "' expected at " + pos + " of " + input);
    }
    pos++;
  }

  private void skip(char c) {
    while (pos < input.length() && input.charAt(pos) == c) {
      pos++;
    }
  }

  private void skipOws() {
    while (pos < input.length() && (input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
      pos++;
    }
  }
}
