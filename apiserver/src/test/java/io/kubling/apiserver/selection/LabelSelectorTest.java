package io.kubling.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kubling.apiserver.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  /** "a=b;c=" as a map; null or "" is no labels. */
  static Map<String, String> labels(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    if (s != null && !s.isEmpty()) {
      for (String kv : s.split(";")) {
        String[] p = kv.split("=", 2);
        out.put(p[0], p[1]);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" prints \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      ''                               | ''
      '   '                            | ''
      a                                | a
      '  a  '                          | a
      !a                               | !a
      '! a'                            | !a
      a=b                              | a=b
      a==b                             | a=b
      a!=b                             | a!=b
      ' a = b '                        | a=b
      'a\t==\nb'                       | a=b
      a=                               | a=
      a!=                              | a!=
      a in (b,c)                       | a in (b,c)
      'a in(c , b)'                    | a in (b,c)
      a notin (b)                      | a notin (b)
      a in ()                          | a in ()
      a in (,)                         | a in ()
      a in (,b)                        | a in (,b)
      a in (b,)                        | a in (,b)
      a in (b,,c)                      | a in (,b,c)
      a in (b,b)                       | a in (b)
      x>1                              | x>1
      x < 10                           | x<10
      z=1,a=2                          | a=2,z=1
      example.com/app=web,!canary      | !canary,example.com/app=web
      tier notin (a, b) , env          | env,tier notin (a,b)
      a,a                              | a
      a=b,a==b                         | a=b
      !a,a                             | a,!a
      in in (in)                       | in in (in)
      notin=notin                      | notin=notin
      in,notin                         | in,notin
      A.b_c-9=X.y_z-0                  | A.b_c-9=X.y_z-0
      """)
  void parsesToCanonicalForm(String selector, String canonical) {
    LabelSelector s = LabelSelector.parse(selector);
    assertThat(s).hasToString(canonical);
    assertThat(LabelSelector.parse(s.toString())).isEqualTo(s).hasSameHashCodeAs(s);
  }

  @Test
  void nullAndEmptySelectEverything() {
    assertThat(LabelSelector.parse(null)).isSameAs(LabelSelector.EVERYTHING);
    assertThat(LabelSelector.parse("")).isEqualTo(LabelSelector.EVERYTHING);
    assertThat(LabelSelector.parse(" ").isEverything()).isTrue();
    assertThat(LabelSelector.parse("a").isEverything()).isFalse();
    assertThat(LabelSelector.EVERYTHING.matches(null)).isTrue();
    assertThat(LabelSelector.EVERYTHING.isNothing()).isFalse();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" on {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                  | ''              | true
      ''                  | a=b             | true
      a=b                 | a=b             | true
      a=b                 | a=c             | false
      a=b                 | ''              | false
      a=b                 | b=b             | false
      a==b                | a=b             | true
      a!=b                | a=b             | false
      a!=b                | a=c             | true
      a!=b                | ''              | true
      a in (b,c)          | a=c             | true
      a in (b,c)          | a=d             | false
      a in (b,c)          | ''              | false
      a notin (b,c)       | a=b             | false
      a notin (b,c)       | a=d             | true
      a notin (b,c)       | ''              | true
      a                   | a=              | true
      a                   | b=a             | false
      !a                  | ''              | true
      !a                  | a=x             | false
      a=                  | a=              | true
      a=                  | ''              | false
      a!=                 | ''              | true
      a!=                 | a=              | false
      a in ()             | a=              | true
      a in ()             | a=b             | false
      x>1                 | x=2             | true
      x>1                 | x=1             | false
      x<1                 | x=0             | true
      x<1                 | x=1             | false
      x>1                 | x=abc           | false
      x>1                 | ''              | false
      x<1                 | ''              | false
      a=b,c               | a=b;c=d         | true
      a=b,c               | a=b             | false
      a=b,!c              | a=b             | true
      a=b,a=c             | a=b             | false
      example.com/app=web | example.com/app=web | true
      example.com/app=web | app=web         | false
      """)
  void matches(String selector, String labels, boolean expected) {
    assertThat(LabelSelector.parse(selector).matches(labels(labels))).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, >, <"),
        arguments("a!", "unable to parse requirement: found '!', expected: in, notin"),
        arguments("a=b c", "found 'c', expected: ',' or 'end of string'"),
        arguments("a=b=c", "found '=', expected: ',' or 'end of string'"),
        arguments("!a=b", "found '=', expected: ',' or 'end of string'"),
        arguments("a in (b)(", "found '(', expected: ',' or 'end of string'"),
        arguments("=b", "found '=', expected: !, identifier, or 'end of string'"),
        arguments(",a", "found ',', expected: !, identifier, or 'end of string'"),
        arguments("a,", "found 'end of string', expected: identifier after ','"),
        arguments("a,,b", "found ',', expected: identifier after ','"),
        arguments("!", "unable to parse requirement: found 'end of string', expected: identifier"),
        arguments("!!a", "unable to parse requirement: found '!', expected: identifier"),
        arguments("a=(b)", "unable to parse requirement: found '(', expected: identifier"),
        arguments("a<>1", "unable to parse requirement: found '>', expected: identifier"),
        arguments("a in b", "unable to parse requirement: found 'b', expected: '('"),
        arguments("a notin", "found 'end of string', expected: '('"),
        arguments("a in (b", "found 'end of string', expected: ',' or ')'"),
        arguments("a in (b c)", "found 'c', expected: ',' or ')'"),
        arguments("a in (b,", "found 'end of string', expected: ',', or identifier"),
        arguments("a in (=)", "found '=', expected: ',', ')' or identifier"),
        arguments("Bad_=x", "invalid label key \"Bad_\": name part must consist of"),
        arguments("-a", "invalid label key \"-a\""),
        arguments("a/b/c", "invalid label key \"a/b/c\": a qualified name must consist of"),
        arguments("/a", "prefix part must be non-empty"),
        arguments("a/", "name part must be non-empty"),
        arguments("Example.com/a", "prefix part a lowercase RFC 1123 subdomain"),
        arguments("x".repeat(64), "name part must be no more than 63 characters"),
        arguments("p".repeat(254) + "/a", "prefix part must be no more than 253 characters"),
        arguments("a=-b", "invalid label value: \"-b\": at key: \"a\": a valid label must be"),
        arguments("a in (b,c_)", "invalid label value: \"c_\""),
        arguments("a=" + "v".repeat(64), "must be no more than 63 characters"),
        arguments("x>a", "the value must be an integer"),
        arguments("x<", "the value must be an integer"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("invalid")
  void rejectsInvalid(String selector, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void acceptsLongestValidNames() {
    String key = "p".repeat(253) + "/" + "n".repeat(63);
    LabelSelector s = LabelSelector.parse(key + "=" + "v".repeat(63));
    assertThat(s.matches(Map.of(key, "v".repeat(63)))).isTrue();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" requires {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                  | ''
      a!=b,!c,d,e notin (f),g in (h,i)    | ''
      a=b                                 | a=b
      a==b,c!=d,e in (f),g in (h,i),j     | a=b;e=f
      a=x,a=y                             | a=x
      """)
  void exactMatches(String selector, String expected) {
    assertThat(LabelSelector.parse(selector).exactMatches()).isEqualTo(labels(expected));
  }

  @Test
  void equalityIgnoresOrderSpacingAndSpelling() {
    LabelSelector a = LabelSelector.parse("b==1, a in (y,x)");
    LabelSelector b = LabelSelector.parse("a in (x,y),b=1");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(LabelSelector.parse("b=1"));
    assertThat(LabelSelector.NOTHING).isNotEqualTo(LabelSelector.EVERYTHING);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      ''          | ''
      a=b         | a=b
      b=2;a=1     | a=1,b=2
      """)
  void fromSet(String set, String canonical) {
    assertThat(LabelSelector.fromSet(labels(set))).hasToString(canonical);
  }

  static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      {}                                                               | ''
      {"matchLabels":{}}                                               | ''
      {"matchLabels":null,"matchExpressions":[]}                       | ''
      {"matchLabels":{"tier":"fe","app":"web"}}                        | app=web,tier=fe
      {"matchLabels":{"app":""}}                                       | app=
      {"matchExpressions":[{"key":"t","operator":"In","values":["b","a"]}]} | t in (a,b)
      {"matchExpressions":[{"key":"t","operator":"NotIn","values":["a"]}]}  | t notin (a)
      {"matchExpressions":[{"key":"t","operator":"Exists"}]}                | t
      {"matchExpressions":[{"key":"t","operator":"DoesNotExist","values":[]}]} | !t
      {"matchLabels":{"a":"x"},"matchExpressions":[{"key":"a","operator":"Exists"}]} | a=x,a
      """)
  void fromJson(String selector, String canonical) throws Exception {
    LabelSelector s = LabelSelector.fromJson(json(selector));
    assertThat(s).hasToString(canonical);
    assertThat(s.isNothing()).isFalse();
    assertThat(LabelSelector.parse(s.toString())).isEqualTo(s);
  }

  @Test
  void missingJsonSelectorSelectsNothing() throws Exception {
    for (JsonNode n : new JsonNode[] {null, MissingNode.getInstance(), json("null")}) {
      LabelSelector s = LabelSelector.fromJson(n);
      assertThat(s).isSameAs(LabelSelector.NOTHING);
      assertThat(s.isEverything()).isFalse();
      assertThat(s.matches(Map.of())).isFalse();
    }
    assertThat(LabelSelector.fromJson(json("{}")).matches(Map.of("a", "b"))).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"matchExpressions":[{"key":"a","operator":"Equals","values":["b"]}]} | "Equals" is not a valid label selector operator
      {"matchExpressions":[{"key":"a","operator":"in","values":["b"]}]}     | "in" is not a valid label selector operator
      {"matchExpressions":[{"key":"a","operator":"In","values":[]}]}        | values set can't be empty
      {"matchExpressions":[{"key":"a","operator":"NotIn"}]}                 | values set can't be empty
      {"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]} | values set must be empty
      {"matchExpressions":[{"operator":"Exists"}]}                          | key must be a string
      {"matchExpressions":[{"key":"a"}]}                                    | operator must be a string
      {"matchExpressions":[{"key":"a","operator":"In","values":[1]}]}       | values must be a string
      {"matchExpressions":{}}                                               | matchExpressions must be a list
      {"matchLabels":{"Bad_":"x"}}                                          | invalid label key "Bad_"
      {"matchLabels":{"a":"-x"}}                                            | invalid label value: "-x"
      {"matchLabels":{"a":1}}                                               | matchLabels.a must be a string
      []                                                                    | a label selector must be an object
      """)
  void fromJsonRejectsInvalid(String selector, String message) throws Exception {
    JsonNode n = json(selector);
    assertThatThrownBy(() -> LabelSelector.fromJson(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
