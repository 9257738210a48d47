package io.kubling.apiserver.validation;

import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorsTest {
  static Stream<Arguments> validations() {
    return Stream.of(
        Arguments.of("{'matchLabels':{'app':'web'}}", List.of()),
        Arguments.of("{'matchExpressions':[{'key':'app','operator':'In'}]}",
            List.of("s.matchExpressions[0].values: Required value: must be specified when"
                + " `operator` is 'In' or 'NotIn'")),
        Arguments.of("{'matchExpressions':[{'key':'app','operator':'Exists','values':['x']}]}",
            List.of("s.matchExpressions[0].values: Forbidden: may not be specified when"
                + " `operator` is 'Exists' or 'DoesNotExist'")),
        Arguments.of("{'matchExpressions':[{'key':'app','operator':'Near'}]}",
            List.of("s.matchExpressions[0].operator: Invalid value: \"Near\": not a valid"
                + " selector operator")),
        Arguments.of("{'matchExpressions':[{'key':'app','operator':'In','values':['a b']}]}",
            List.of("s.matchExpressions[0].values[0]: Invalid value: \"a b\": "
                + NamesTest.VALUE)),
        Arguments.of("{'matchLabels':{'app-':'x'}}",
            List.of("s.matchLabels: Invalid value: \"app-\": " + NamesTest.KEY_NAME)));
  }

  @ParameterizedTest
  @MethodSource("validations")
  void validate(String selector, List<String> expected) {
    assertThat(messages(LabelSelectors.validate(json(selector), "s")))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> matches() {
    Map<String, String> web = Map.of("app", "web", "tier", "front");
    return Stream.of(
        Arguments.of("{'matchLabels':{'app':'web'}}", web, true),
        Arguments.of("{'matchLabels':{'app':'db'}}", web, false),
        Arguments.of("{}", web, true),
        Arguments.of("{'matchExpressions':[{'key':'tier','operator':'In','values':['front']}]}",
            web, true),
        Arguments.of("{'matchExpressions':[{'key':'tier','operator':'NotIn','values':['front']}]}",
            web, false),
        Arguments.of("{'matchExpressions':[{'key':'x','operator':'NotIn','values':['a']}]}",
            web, true),
        Arguments.of("{'matchExpressions':[{'key':'x','operator':'Exists'}]}", web, false),
        Arguments.of("{'matchExpressions':[{'key':'x','operator':'DoesNotExist'}]}", web, true));
  }

  @ParameterizedTest
  @MethodSource("matches")
  void matches(String selector, Map<String, String> labels, boolean expected) {
    assertThat(LabelSelectors.matches(json(selector), labels)).isEqualTo(expected);
  }
}
