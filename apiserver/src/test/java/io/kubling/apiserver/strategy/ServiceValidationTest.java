package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Service rules beyond the everyday ones in ServiceStrategyTest. */
class ServiceValidationTest {
  static final String P = "'ports':[{'port':80}]";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("bad appProtocol", "{'ports':[{'port':80,'appProtocol':'a/b/c'}]}",
            List.of("spec.ports[0].appProtocol: Invalid value: \"a/b/c\": a valid label key must"
                + " consist of alphanumeric characters, '-', '_' or '.', and must start and end"
                + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc',"
                + " regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")),
        Arguments.of("unknown internal policy", "{'internalTrafficPolicy':'Node'," + P + "}",
            List.of("spec.internalTrafficPolicy: Unsupported value: \"Node\": supported values:"
                + " \"Cluster\", \"Local\"")),
        Arguments.of("unknown external policy", "{'type':'NodePort','externalTrafficPolicy':"
            + "'Global'," + P + "}", List.of("spec.externalTrafficPolicy: Unsupported value:"
            + " \"Global\": supported values: \"Cluster\", \"Local\"")),
        Arguments.of("None and another IP", "{'clusterIP':'None','clusterIPs':['None',"
            + "'10.96.0.1']," + P + "}", List.of("spec.clusterIPs: Invalid value:"
            + " []string{\"None\", \"10.96.0.1\"}: 'None' must be the first and only value")),
        Arguments.of("clusterIPs disagree", "{'clusterIP':'10.96.0.1','clusterIPs':"
            + "['10.96.0.2']," + P + "}", List.of("spec.clusterIPs: Invalid value:"
            + " []string{\"10.96.0.2\"}: first value must match `clusterIP`")),
        Arguments.of("clusterIPs alone", "{'clusterIPs':['10.96.0.2']," + P + "}",
            List.of("spec.clusterIPs: Invalid value: []string{\"10.96.0.2\"}: must be empty when"
                + " `clusterIP` is not specified")),
        Arguments.of("two cluster IPs", "{'clusterIP':'10.96.0.1','clusterIPs':['10.96.0.1',"
            + "'10.96.0.2']," + P + "}", List.of("spec.clusterIPs: Invalid value:"
            + " []string{\"10.96.0.1\", \"10.96.0.2\"}: this cluster is not configured for"
            + " dual-stack services")),
        Arguments.of("IPv6 family", "{'ipFamilies':['IPv6']," + P + "}", List.of(
            "spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster")),
        Arguments.of("unknown family", "{'ipFamilies':['IPv4','IPX']," + P + "}", List.of(
            "spec.ipFamilies[1]: Unsupported value: \"IPX\": supported values: \"IPv4\","
                + " \"IPv6\"")),
        Arguments.of("family twice", "{'ipFamilies':['IPv4','IPv4']," + P + "}", List.of(
            "spec.ipFamilies[1]: Duplicate value: \"IPv4\"")),
        Arguments.of("unknown family policy", "{'ipFamilyPolicy':'Maybe'," + P + "}", List.of(
            "spec.ipFamilyPolicy: Unsupported value: \"Maybe\": supported values:"
                + " \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"")),
        Arguments.of("headless LoadBalancer", "{'type':'LoadBalancer','clusterIP':'None'," + P
            + "}", List.of("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to"
            + " 'None' for LoadBalancer services")),
        Arguments.of("ExternalName with families", "{'type':'ExternalName','externalName':"
            + "'db.example.com','ipFamilies':['IPv4'],'ipFamilyPolicy':'SingleStack'}", List.of(
            "spec.ipFamilies: Forbidden: may not be set for ExternalName services",
            "spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services")),
        Arguments.of("bad externalName", "{'type':'ExternalName','externalName':'DB'}",
            List.of("spec.externalName: Invalid value: \"DB\": a lowercase RFC 1123 subdomain"
                + " must consist of lower case alphanumeric characters, '-' or '.', and must"
                + " start and end with an alphanumeric character (e.g. 'example.com', regex used"
                + " for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate(String name, String spec, List<String> expected) {
    assertThat(createErrors(ServiceStrategy.INSTANCE, "{'metadata':{'name':'web'},'spec':"
        + spec + "}")).containsExactlyElementsOf(expected);
  }

  @Test
  void clientIpAffinityNeedsItsConfig() {
    assertThat(messages(ServiceValidation.validate(json("{'sessionAffinity':'ClientIP',"
        + "'type':'ClusterIP','internalTrafficPolicy':'Cluster','ports':[{'port':80,"
        + "'protocol':'TCP','targetPort':80}]}")))).containsExactly("spec.sessionAffinityConfig:"
        + " Required value: when session affinity type is ClientIP");
  }
}
