package io.kubling.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {
  static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case"
      + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
      + " character (e.g. 'example.com', regex used for validation is"
      + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  static final String LABEL = "a lowercase RFC 1123 label must consist of lower case"
      + " alphanumeric characters or '-', and must start and end with an alphanumeric character"
      + " (e.g. 'my-name',  or '123-abc', regex used for validation is"
      + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric"
      + " characters or '-', start with an alphabetic character, and end with an alphanumeric"
      + " character (e.g. 'my-name',  or 'abc-123', regex used for validation is"
      + " '[a-z]([-a-z0-9]*[a-z0-9])?')";
  static final String KEY_NAME = "name part must consist of alphanumeric characters, '-', '_'"
      + " or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or"
      + " 'my.name',  or '123-abc', regex used for validation is"
      + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  static final String VALUE = "a valid label must be an empty string or consist of alphanumeric"
      + " characters, '-', '_' or '.', and must start and end with an alphanumeric character"
      + " (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
      + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  static final String CONFIG_KEY = "a valid config key must consist of alphanumeric characters,"
      + " '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for"
      + " validation is '[-._a-zA-Z0-9]+')";

  static Stream<Arguments> cases() {
    Function<String, List<String>> subdomain = Names::dns1123Subdomain;
    Function<String, List<String>> label = Names::dns1123Label;
    Function<String, List<String>> dns1035 = Names::dns1035Label;
    Function<String, List<String>> key = Names::labelKey;
    Function<String, List<String>> value = Names::labelValue;
    Function<String, List<String>> configKey = Names::configMapKey;
    Function<String, List<String>> port = Names::portName;
    Function<String, List<String>> percent = Names::percent;
    Function<String, List<String>> segment = Names::pathSegmentName;
    return Stream.of(
        Arguments.of("subdomain ok", subdomain, "example.com", List.of()),
        Arguments.of("subdomain upper case", subdomain, "Example", List.of(SUBDOMAIN)),
        Arguments.of("subdomain too long", subdomain, "a".repeat(254),
            List.of("must be no more than 253 characters")),
        Arguments.of("label ok", label, "web-1", List.of()),
        Arguments.of("label with dots", label, "a.b", List.of("must not contain dots")),
        Arguments.of("label leading dash", label, "-a", List.of(LABEL)),
        Arguments.of("label too long", label, "a".repeat(64),
            List.of("must be no more than 63 characters")),
        Arguments.of("dns1035 digit first", dns1035, "1web", List.of(DNS1035)),
        Arguments.of("dns1035 ok", dns1035, "web", List.of()),
        Arguments.of("key prefixed ok", key, "example.com/App_1", List.of()),
        Arguments.of("key empty prefix", key, "/app", List.of("prefix part must be non-empty")),
        Arguments.of("key bad prefix", key, "Example/app",
            List.of("prefix part " + SUBDOMAIN)),
        Arguments.of("key bad name", key, "app-", List.of(KEY_NAME)),
        Arguments.of("key empty", key, "", List.of("name part must be non-empty", KEY_NAME)),
        Arguments.of("key name too long", key, "a".repeat(64),
            List.of("name part must be no more than 63 characters")),
        Arguments.of("key two slashes", key, "a/b/c", List.of("a valid label key must consist"
            + " of alphanumeric characters, '-', '_' or '.', and must start and end with an"
            + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
            + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional"
            + " DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")),
        Arguments.of("value empty ok", value, "", List.of()),
        Arguments.of("value with space", value, "a b", List.of(VALUE)),
        Arguments.of("value too long", value, "a".repeat(64),
            List.of("must be no more than 63 characters")),
        Arguments.of("config key ok", configKey, "app.properties", List.of()),
        Arguments.of("config key space", configKey, "a b", List.of(CONFIG_KEY)),
        Arguments.of("config key dot", configKey, ".", List.of("must not be '.'")),
        Arguments.of("config key dot dot", configKey, "..", List.of("must not be '..'")),
        Arguments.of("config key dot dot prefix", configKey, "..a",
            List.of("must not start with '..'")),
        Arguments.of("port name ok", port, "http-alt", List.of()),
        Arguments.of("port name upper", port, "HTTP", List.of("must contain only alpha-numeric"
            + " characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)")),
        Arguments.of("port name digits", port, "80",
            List.of("must contain at least one letter (a-z)")),
        Arguments.of("port name double dash", port, "a--b",
            List.of("must not contain consecutive hyphens")),
        Arguments.of("port name edge dash", port, "ab-",
            List.of("must not begin or end with a hyphen")),
        Arguments.of("port name too long", port, "a".repeat(16),
            List.of("must be no more than 15 characters")),
        Arguments.of("percent ok", percent, "25%", List.of()),
        Arguments.of("percent without sign", percent, "25", List.of("a valid percent string must"
            + " be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used"
            + " for validation is '[0-9]+%')")),
        Arguments.of("segment colon ok", segment, "system:node", List.of()),
        Arguments.of("segment dot dot", segment, "..", List.of("may not be '..'")),
        Arguments.of("segment slash and percent", segment, "a/b%",
            List.of("may not contain '/'", "may not contain '%'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void errors(String name, Function<String, List<String>> check, String input,
      List<String> expected) {
    assertThat(check.apply(input)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> nameRules() {
    return Stream.of(
        Arguments.of(NameRule.DNS1123_SUBDOMAIN, "web-", true, List.of()),
        Arguments.of(NameRule.DNS1123_SUBDOMAIN, "web-", false, List.of(SUBDOMAIN)),
        Arguments.of(NameRule.DNS1123_LABEL, "a.b", false, List.of("must not contain dots")),
        Arguments.of(NameRule.DNS1035_LABEL, "1web-", true, List.of(DNS1035)),
        Arguments.of(NameRule.PATH_SEGMENT, "..", true, List.of()),
        Arguments.of(NameRule.PATH_SEGMENT, "..", false, List.of("may not be '..'")),
        Arguments.of(NameRule.PATH_SEGMENT, "a/", true, List.of("may not contain '/'")));
  }

  @ParameterizedTest(name = "{0} {1} prefix={2}")
  @MethodSource("nameRules")
  void nameRuleAllowsGenerateNamePrefixes(NameRule rule, String name, boolean prefix,
      List<String> expected) {
    assertThat(rule.check(name, prefix)).containsExactlyElementsOf(expected);
  }
}
