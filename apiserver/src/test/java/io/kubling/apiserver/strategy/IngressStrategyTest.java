package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.updateErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngressStrategyTest {
  static String ing(String spec) {
    return "{'metadata':{'name':'web','namespace':'default'},'spec':" + spec + "}";
  }

  static String rule(String host, String path, String pathType, String backend) {
    return "{'rules':[{" + (host == null ? "" : "'host':'" + host + "',") + "'http':{'paths':"
        + "[{'path':'" + path + "'," + (pathType == null ? "" : "'pathType':'" + pathType
        + "',") + "'backend':" + backend + "}]}}]}";
  }

  static final String SVC = "{'service':{'name':'api','port':{'number':8080}}}";

  @Test
  void pathTypeDefaultsToImplementationSpecificAndStatusIsDropped() {
    String withStatus = "{'metadata':{'name':'web','namespace':'default'},'spec':"
        + rule("a.example", "/x", null, SVC)
        + ",'status':{'loadBalancer':{'ingress':[{'ip':'1.2.3.4'}]}}}";
    var obj = created(IngressStrategy.INSTANCE, withStatus);
    assertThat(obj.at("/spec/rules/0/http/paths/0/pathType").asText())
        .isEqualTo("ImplementationSpecific");
    assertThat(obj.has("status")).isFalse();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(rule("shop.example", "/api", "Prefix", SVC), List.of()),
        Arguments.of(rule("*.shop.example", "/", "Exact", SVC), List.of()),
        Arguments.of("{}", List.of("spec: Invalid value: []networking.IngressRule(nil): either"
            + " `defaultBackend` or `rules` must be specified")),
        Arguments.of(rule("10.0.0.1", "/", "Prefix", SVC), List.of("spec.rules[0].host:"
            + " Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address")),
        Arguments.of(rule("a.*.example", "/", "Prefix", SVC), List.of("spec.rules[0].host:"
            + " Invalid value: \"a.*.example\": a wildcard DNS-1123 subdomain must start with"
            + " '*.', followed by a valid DNS subdomain, which must consist of lower case"
            + " alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g."
            + " '*.example.com', regex used for validation is"
            + " '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of(rule(null, "api", "Prefix", SVC), List.of("spec.rules[0].http.paths[0]"
            + ".path: Invalid value: \"api\": must be an absolute path")),
        Arguments.of(rule(null, "/a//b", "Exact", SVC), List.of("spec.rules[0].http.paths[0]"
            + ".path: Invalid value: \"/a//b\": must not contain '//'")),
        Arguments.of(rule(null, "/a", "Regex", SVC), List.of("spec.rules[0].http.paths[0]"
            + ".pathType: Unsupported value: \"Regex\": supported values: \"Exact\","
            + " \"ImplementationSpecific\", \"Prefix\"")),
        Arguments.of(rule(null, "/", "Prefix", "{'service':{'name':'api','port':{}}}"),
            List.of("spec.rules[0].http.paths[0].backend: Required value: port name or number"
                + " is required")),
        Arguments.of(rule(null, "/", "Prefix",
            "{'service':{'name':'api','port':{'name':'http','number':80}}}"),
            List.of("spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both"
                + " port name & port number")),
        Arguments.of(rule(null, "/", "Prefix", "{}"), List.of("spec.rules[0].http.paths[0]"
            + ".backend: Invalid value: \"\": resource or service backend is required")),
        Arguments.of("{'defaultBackend':{'service':{'name':'Api','port':{'number':70000}}}}",
            List.of("spec.defaultBackend.service.name: Invalid value: \"Api\": a DNS-1035 label"
                + " must consist of lower case alphanumeric characters or '-', start with an"
                + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name',"
                + "  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.defaultBackend.service.port.number: Invalid value: 70000: must be between"
                    + " 1 and 65535, inclusive")));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void validate(String spec, List<String> expected) {
    assertThat(createErrors(IngressStrategy.INSTANCE, ing(spec)))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void classControllerIsRequiredDomainPrefixedAndImmutable() {
    assertThat(createErrors(IngressClassStrategy.INSTANCE,
        "{'metadata':{'name':'kubling'},'spec':{}}"))
        .containsExactly("spec.controller: Required value");
    assertThat(createErrors(IngressClassStrategy.INSTANCE,
        "{'metadata':{'name':'kubling'},'spec':{'controller':'kubling'}}"))
        .containsExactly("spec.controller: Invalid value: \"kubling\": must be a"
            + " domain-prefixed path (such as \"acme.io/foo\")");
    var old = created(IngressClassStrategy.INSTANCE,
        "{'metadata':{'name':'kubling'},'spec':{'controller':'kubling.io/ingress'}}");
    assertThat(IngressClassStrategy.INSTANCE.validate(old)).isEmpty();
    assertThat(updateErrors(IngressClassStrategy.INSTANCE, old,
        o -> Flow.node(o, "spec").put("controller", "example.com/other")))
        .containsExactly("spec.controller: Invalid value: \"example.com/other\": field is"
            + " immutable");
  }
}
