package io.chatgw.gateway.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One dialect as the cross-dialect bad-input suite ({@code http.BadInputTest}) drives it: a fixture
 * room with a member and a message, the member's request, the dialect's parameters with their
 * ranges from dialects.md, and the answers it owes to bad values in its exact error envelope. Each
 * dialect's table lives next to that dialect's own test helpers.
 */
public interface BadInputDialect {

  /** What an answer must be, asserted on the whole response. */
  @FunctionalInterface
  interface Answer {
    void check(Http.Response response);
  }

  /**
   * A base-10 query parameter with its range ({@code max} is {@code Long.MAX_VALUE} where the spec
   * gives none), a value that is good in the fixture, and the answer to any value that is not.
   */
  record NumberParam(String name, long min, long max, String good, Answer whenBad) {}

  /** A parameter that names something stored, and the answer when it names nothing there. */
  record IdParam(String name, boolean inPath, Answer whenUnknown) {}

  /** A parameter with a closed set of forms: values it must refuse, one it must take, the refusal. */
  record WordParam(String name, List<String> junk, String good, Answer whenBad) {}

  /** Loads the fixture (a tenant, room, member, message) and mints the member's credentials. */
  void load(Http http);

  String name();

  /** The fixture room as this dialect names it: its id or its number. */
  String room();

  /**
   * The member's request target for {@code room} (put on the wire as given, so escapes stay
   * escapes) with {@code query} (raw, may be empty) after the dialect's own parameters.
   */
  String uri(String room, String query);

  /**
   * The member's request target with {@code escape} glued to the end of the room's path segment,
   * or, where the room is not in the path, to the end of the path.
   */
  String uriWithEscapeInPath(String escape);

  /** The member's credential headers as name, value pairs. */
  List<String> headers();

  /** A successful answer in the dialect's shape. */
  Answer ok();

  List<NumberParam> numbers();

  List<IdParam> ids();

  List<WordParam> words();

  /** Every query parameter the dialect reads. */
  List<String> queryParams();

  /**
   * The answer when the value of {@code param} (or of an unknown parameter) has an escape that is
   * not hex, or of bytes that are not UTF-8, or of a NUL.
   */
  Answer badQueryEscape(String param);

  /** The answer to {@link #uriWithEscapeInPath} with an escape that is not hex ({@code %ZZ}). */
  Answer badPathEscape();

  /**
   * The answer to {@link #uriWithEscapeInPath} with bytes that are not UTF-8 text ({@code %FF}) or
   * a NUL ({@code %00}, which no stored name can hold).
   */
  Answer notTextInPath();

  /** {@code value} percent-encoded for a query string or path segment (space as {@code %20}). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
