package io.kubling.apiserver.validation;

import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GoValueAndIpsTest {
  @Test
  void printsValuesAsGoDoes() {
    assertThat(GoValue.stringMap(json("{'b':'2','a':'1'}")).text())
        .isEqualTo("map[string]string{\"a\":\"1\", \"b\":\"2\"}");
    assertThat(GoValue.stringMap(null).text()).isEqualTo("map[string]string(nil)");
    assertThat(GoValue.stringSlice(null).text()).isEqualTo("[]string(nil)");
    assertThat(GoValue.labelSelector(json("{'matchLabels':{'app':'web'}}")).text())
        .isEqualTo("v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"},"
            + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}");
    assertThat(GoValue.labelSelector(json(
        "{'matchExpressions':[{'key':'a','operator':'In','values':['x']}]}")).text())
        .isEqualTo("v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:"
            + "[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"a\","
            + " Operator:\"In\", Values:[]string{\"x\"}}}}");
    assertThat(GoValue.quote("a\"b\\\n")).isEqualTo("\"a\\\"b\\\\\\n\"");
  }

  @ParameterizedTest
  @CsvSource({"10.96.0.1,true", "::ffff:10.0.0.1,true", "2001:db8::1,false", "010.0.0.1,false",
      "256.0.0.1,false", "1.2.3,false", "example.com,false", ".:1,false"})
  void parsesIpLiteralsOnly(String ip, boolean v4) {
    assertThat(Ips.isIPv4(ip)).isEqualTo(v4);
    assertThat(Ips.parse(ip) != null).isEqualTo(v4 || ip.equals("2001:db8::1"));
  }

  static Stream<Arguments> special() {
    return Stream.of(
        Arguments.of("10.244.1.5", List.of()),
        Arguments.of("127.0.0.1", List.of("ip: Invalid value: \"127.0.0.1\": may not be in the"
            + " loopback range (127.0.0.0/8, ::1/128)")),
        Arguments.of("0.0.0.0", List.of("ip: Invalid value: \"0.0.0.0\": may not be"
            + " unspecified (0.0.0.0)")),
        Arguments.of("169.254.1.1", List.of("ip: Invalid value: \"169.254.1.1\": may not be in"
            + " the link-local range (169.254.0.0/16, fe80::/10)")),
        Arguments.of("224.0.0.5", List.of("ip: Invalid value: \"224.0.0.5\": may not be in the"
            + " link-local multicast range (224.0.0.0/24, ff02::/10)")),
        Arguments.of("::1", List.of("ip: Invalid value: \"::1\": may not be in the loopback"
            + " range (127.0.0.0/8, ::1/128)")),
        Arguments.of("x", List.of("ip: Invalid value: \"x\": must be a valid IP address")));
  }

  @ParameterizedTest
  @MethodSource("special")
  void nonSpecial(String ip, List<String> expected) {
    assertThat(messages(Ips.nonSpecial("ip", ip))).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @CsvSource({"10.244.0.0/24,true", "10.244.0.0/33,false", "fd00::/64,true", "10.244.0.0,false",
      "x/24,false"})
  void cidrs(String cidr, boolean valid) {
    assertThat(Ips.validCidr("c", cidr).isEmpty()).isEqualTo(valid);
  }
}
