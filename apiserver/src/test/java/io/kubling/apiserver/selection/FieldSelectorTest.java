package io.kubling.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

  // Backslashes in these tables are doubled for Java: "a=x\\,y" is the selector a=x\,y.
  @ParameterizedTest(name = "[{index}] \"{0}\" prints \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                  | ''
      ','                                 | ''
      ',,'                                | ''
      metadata.name=foo                   | metadata.name=foo
      metadata.name==foo                  | metadata.name=foo
      metadata.name!=foo                  | metadata.name!=foo
      spec.nodeName=                      | spec.nodeName=
      spec.nodeName!=                     | spec.nodeName!=
      'b=1,a=2'                           | 'a=2,b=1'
      'a=b,'                              | a=b
      'a=b,a==b'                          | a=b
      a=x!y                               | a=x!y
      a=x\\!y                             | a=x!y
      'a=x\\,y'                           | 'a=x\\,y'
      a=x\\=y                             | a=x\\=y
      a=x\\\\y                            | a=x\\\\y
      'a=x\\,y,b=z'                       | 'a=x\\,y,b=z'
      a b=c d                             | a b=c d
      =x                                  | =x
      """)
  void parsesToCanonicalForm(String selector, String canonical) {
    FieldSelector s = FieldSelector.parse(selector);
    assertThat(s).hasToString(canonical);
    assertThat(FieldSelector.parse(s.toString())).isEqualTo(s).hasSameHashCodeAs(s);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" on {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                      | ''            | true
      ''                      | a=b           | true
      a=b                     | a=b           | true
      a==b                    | a=b           | true
      a=b                     | a=c           | false
      a=b                     | ''            | false
      a=                      | ''            | true
      a=                      | a=b           | false
      a!=b                    | ''            | true
      a!=b                    | a=c           | true
      a!=b                    | a=b           | false
      a!=                     | ''            | false
      a!=                     | a=x           | true
      'a==b,c!=d'             | a=b;c=e       | true
      'a==b,c!=d'             | a=b;c=d       | false
      'a=b,a=c'               | a=b           | false
      'a=x\\,y'               | 'a=x,y'       | true
      'a=x\\,y'               | a=x           | false
      a=x\\=y                 | a=x=y         | true
      a=x\\\\y                | a=x\\y        | true
      a=x\\!y                 | a=x!y         | true
      """)
  void matches(String selector, String values, boolean expected) {
    Map<String, String> fields = LabelSelectorTest.labels(values);
    assertThat(FieldSelector.parse(selector).matches(fields::get)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" requires {1}={2}")
  @CsvSource(delimiter = '|', textBlock = """
      'metadata.name=x,spec.nodeName!=n' | metadata.name | x
      'metadata.name=x,spec.nodeName!=n' | spec.nodeName |
      metadata.name==x                   | metadata.name | x
      'a=x\\,y'                          | a             | 'x,y'
      a=                                 | a             | ''
      ''                                 | a             |
      'b=1,a=2'                          | c             |
      """)
  void requiredValue(String selector, String field, String expected) {
    assertThat(FieldSelector.parse(selector).requiredValue(field)).isEqualTo(
        Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      a                  | invalid selector: 'a'; can't understand 'a'
      'a=b,c'            | invalid selector: 'a=b,c'; can't understand 'c'
      'a=b,!c'           | can't understand '!c'
      a=b=c              | unescaped character '=' in the value of 'a=b=c'
      a!=x!=y            | unescaped character '='
      a=b\\              | invalid escape sequence '\\' at the end of 'a=b\\'
      a=b\\x             | invalid escape sequence '\\x' in 'a=b\\x'
      """)
  void rejectsInvalid(String selector, String message) {
    assertThatThrownBy(() -> FieldSelector.parse(selector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void everythingAndFields() {
    assertThat(FieldSelector.parse(null)).isSameAs(FieldSelector.EVERYTHING);
    assertThat(FieldSelector.parse("").isEverything()).isTrue();
    assertThat(FieldSelector.parse(",").isEverything()).isTrue();
    assertThat(FieldSelector.parse("a=b").isEverything()).isFalse();
    assertThat(FieldSelector.EVERYTHING.fields()).isEmpty();
    assertThat(FieldSelector.parse("b=1,a=2,a!=3").fields()).containsExactly("a", "b");
  }

  @Test
  void equalityIgnoresOrderAndSpelling() {
    FieldSelector a = FieldSelector.parse("b==1,a!=x\\!");
    FieldSelector b = FieldSelector.parse("a!=x!,b=1");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(FieldSelector.parse("b=1"));
    assertThat(a.fields()).isEqualTo(Set.of("a", "b"));
  }
}
