package io.chatgw.gateway.http;

import static io.chatgw.gateway.support.BadInputDialect.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.chatgw.gateway.dialect.allmine.AllmineBadInput;
import io.chatgw.gateway.dialect.deadsimplechat.DeadSimpleChatBadInput;
import io.chatgw.gateway.dialect.imkit.ImkitBadInput;
import io.chatgw.gateway.dialect.meetinglawyers.MeetingLawyersBadInput;
import io.chatgw.gateway.dialect.mirage.MirageBadInput;
import io.chatgw.gateway.support.BadInputDialect;
import io.chatgw.gateway.support.BadInputDialect.Answer;
import io.chatgw.gateway.support.BadInputDialect.NumberParam;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.StoreCounts;
import io.chatgw.gateway.support.TestGateway;
import io.vertx.core.json.Json;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input, table-driven across the five dialects (issue 5), against the real gateway and
 * PostgreSQL. Every answer is the dialect's exact envelope (or, where a value is good after all,
 * its success), is strict UTF-8 JSON, and is never a 5xx. The dialects' own tables (ranges, error
 * texts) are the {@link BadInputDialect}s next to each dialect's tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  /** dialects.md: numbers are base-10 integers without sign or spaces. Label, then the raw value. */
  static final List<String[]> NOT_BASE_10 = List.of(
      new String[] {"-1", "-1"}, new String[] {"+5", "%2B5"}, new String[] {"+5 unescaped, a space", "+5"},
      new String[] {"' 5'", "%205"}, new String[] {"'5 '", "5%20"}, new String[] {"5.0", "5.0"},
      new String[] {"1e3", "1e3"}, new String[] {"NaN", "NaN"}, new String[] {"0x10", "0x10"},
      new String[] {"Arabic-Indic five", "%D9%A5"}, new String[] {"fullwidth five", "%EF%BC%95"},
      new String[] {"2^63", "9223372036854775808"}, new String[] {"2^64", "18446744073709551616"});
  static final List<String> NOT_HEX = List.of("%", "%4", "%ZZ", "%G0");
  /** Escapes of bytes that are not UTF-8 (lone, cut short, surrogate, overlong), and of a NUL. */
  static final List<String> NOT_TEXT = List.of("%FF", "%C3%28", "%E2%82", "%ED%A0%80", "%C0%AF", "%00");
  static final List<String> SQL = List.of("1' OR '1'='1", "1;DROP TABLE message--",
      "1); DELETE FROM message; --", "' UNION SELECT id FROM message --", "%' OR 'x' LIKE '%",
      "1\\'; TRUNCATE room CASCADE; --", "$1");

  final List<BadInputDialect> dialects = all();
  Http http;
  StoreCounts store;

  @BeforeAll
  void load() {
    http = new Http(TestGateway.shared().port());
    store = new StoreCounts(TestGateway.shared().sql());
    dialects.forEach(d -> d.load(http));
  }

  @AfterAll
  void close() {
    http.close();
  }

  /** The five dialects' tables, not yet loaded. */
  static List<BadInputDialect> all() {
    return List.of(new MirageBadInput(), new DeadSimpleChatBadInput(), new AllmineBadInput(),
        new MeetingLawyersBadInput(), new ImkitBadInput());
  }

  @TestFactory
  Stream<DynamicNode> everyNumericParameterTakesOnlyBase10IntegersInItsRange() {
    return perDialect(d -> d.numbers().stream().map(p -> dynamicContainer(p.name(), Stream.concat(
        Stream.of(
            call(d, p.name() + "=0", d.uri(d.room(), p.name() + "=0"), p.min() <= 0 ? d.ok() : p.whenBad()),
            call(d, p.name() + "=max+1", d.uri(d.room(), p.name() + "=" + maxPlusOne(p)), p.whenBad())),
        NOT_BASE_10.stream().map(v ->
            call(d, p.name() + "=" + v[1] + " (" + v[0] + ")", d.uri(d.room(), p.name() + "=" + v[1]), p.whenBad()))))));
  }

  @TestFactory
  Stream<DynamicNode> closedSetParametersRefuseJunk() {
    return perDialect(d -> d.words().stream().map(p -> dynamicContainer(p.name(), p.junk().stream().map(v ->
        call(d, p.name() + "=" + v, d.uri(d.room(), p.name() + "=" + v), p.whenBad())))));
  }

  @TestFactory
  Stream<DynamicNode> aRepeatedParameterIsReadFromItsLastOccurrence() {
    return perDialect(d -> {
      List<DynamicNode> cases = new ArrayList<>();
      for (NumberParam p : d.numbers()) {
        cases.addAll(repeated(d, p.name(), "-1", p.good(), p.whenBad()));
      }
      for (BadInputDialect.WordParam p : d.words()) {
        cases.addAll(repeated(d, p.name(), p.junk().get(0), p.good(), p.whenBad()));
      }
      return cases.stream();
    });
  }

  private List<DynamicNode> repeated(BadInputDialect d, String name, String bad, String good, Answer whenBad) {
    String badThenGood = name + "=" + bad + "&" + name + "=" + good;
    String goodThenBad = name + "=" + good + "&" + name + "=" + bad;
    return List.of(call(d, badThenGood + " is good", d.uri(d.room(), badThenGood), d.ok()),
        call(d, goodThenBad + " is bad", d.uri(d.room(), goodThenBad), whenBad));
  }

  @TestFactory
  Stream<DynamicNode> aBadEscapeInTheQueryIsTheDialectsBadInput() {
    return perDialect(d -> {
      List<String> params = new ArrayList<>(d.queryParams());
      params.add("unknownParameter");
      Stream<DynamicNode> values = params.stream().map(p -> dynamicContainer(p,
          Stream.concat(NOT_HEX.stream(), NOT_TEXT.stream()).map(escape ->
              call(d, p + "=" + escape, d.uri(d.room(), p + "=" + escape), d.badQueryEscape(p)))));
      Stream<DynamicNode> names = Stream.of(dynamicContainer("in a parameter name",
          Stream.concat(NOT_HEX.stream(), NOT_TEXT.stream()).map(escape ->
              call(d, escape + "=1", d.uri(d.room(), escape + "=1"), d.badQueryEscape("unknownParameter")))));
      return Stream.concat(values, names);
    });
  }

  @TestFactory
  Stream<DynamicNode> aBadEscapeInThePathIsTheDialectsBadInputOrAnUnknownName() {
    return perDialect(d -> Stream.concat(
        NOT_HEX.stream().map(e -> call(d, "not hex: " + e, d.uriWithEscapeInPath(e), d.badPathEscape())),
        NOT_TEXT.stream().map(e -> call(d, "not text: " + e, d.uriWithEscapeInPath(e), d.notTextInPath()))));
  }

  @TestFactory
  Stream<DynamicNode> sqlInAnIdParameterNamesNothingAndChangesNothing() {
    return perDialect(d -> d.ids().stream().map(p -> dynamicContainer(p.name(), SQL.stream().map(value -> {
      String uri = p.inPath() ? d.uri(encode(value), "") : d.uri(d.room(), p.name() + "=" + encode(value));
      return dynamicTest(value, () -> {
        StoreCounts.Snapshot before = store.snapshot();
        check(d, uri, d.headers(), p.whenUnknown());
        assertEquals(before, store.snapshot(), "row counts of every table");
      });
    }))));
  }

  private Stream<DynamicNode> perDialect(Function<BadInputDialect, Stream<? extends DynamicNode>> cases) {
    return dialects.stream().map(d -> dynamicContainer(d.name(), cases.apply(d)));
  }

  private DynamicNode call(BadInputDialect d, String name, String uri, Answer answer) {
    return dynamicTest(name, () -> check(d, uri, d.headers(), answer));
  }

  private void check(BadInputDialect d, String uri, List<String> headers, Answer answer) {
    Http.Response response = http.get(uri, headers.toArray(String[]::new));
    assertWellFormed(response);
    answer.check(response);
  }

  private static String maxPlusOne(NumberParam p) {
    return BigInteger.valueOf(p.max()).add(BigInteger.ONE).toString();
  }

  /** Never a 5xx; JSON in strict UTF-8, declared as such. */
  static void assertWellFormed(Http.Response response) {
    assertTrue(response.status() < 500, () -> response.status() + " " + response.body());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(response.bytes())).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("the body is not UTF-8: " + response.body(), e);
    }
    Json.decodeValue(text);
  }
}
