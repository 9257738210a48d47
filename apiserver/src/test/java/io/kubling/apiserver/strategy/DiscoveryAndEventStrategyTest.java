package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.updateErrors;
import static io.kubling.apiserver.validation.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiscoveryAndEventStrategyTest {
  static String obj(String body) {
    return "{'metadata':{'name':'web','namespace':'default'}" + body + "}";
  }

  @Test
  void endpointPortsDefaultToTcp() {
    assertThat(created(EndpointsStrategy.INSTANCE, obj(",'subsets':[{'addresses':[{'ip':"
        + "'10.244.1.5'}],'ports':[{'port':80}]}]")).get("subsets"))
        .isEqualTo(json("{'s':[{'addresses':[{'ip':'10.244.1.5'}],'ports':[{'port':80,"
            + "'protocol':'TCP'}]}]}").get("s"));
  }

  static Stream<Arguments> invalidEndpoints() {
    return Stream.of(
        Arguments.of(",'subsets':[{'addresses':[{'ip':'10.244.1.5'}],'ports':[{'port':80}]}]",
            List.of()),
        Arguments.of(",'subsets':[{'ports':[{'port':80}]}]", List.of("subsets[0]: Required"
            + " value: must specify `addresses` or `notReadyAddresses`")),
        Arguments.of(",'subsets':[{'addresses':[{'ip':'127.0.0.1'}]}]", List.of(
            "subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the"
                + " loopback range (127.0.0.0/8, ::1/128)")),
        Arguments.of(",'subsets':[{'notReadyAddresses':[{'ip':'pod-a'}]}]", List.of(
            "subsets[0].notReadyAddresses[0].ip: Invalid value: \"pod-a\": must be a valid IP"
                + " address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "subsets[0].notReadyAddresses[0].ip: Invalid value: \"pod-a\": must be a valid IP"
                + " address")),
        Arguments.of(",'subsets':[{'addresses':[{'ip':'10.244.1.5'}],'ports':[{'port':80},"
            + "{'name':'b','port':70000,'protocol':'HTTP'}]}]", List.of(
            "subsets[0].ports[0].name: Required value",
            "subsets[0].ports[1].port: Invalid value: 70000: must be between 1 and 65535,"
                + " inclusive",
            "subsets[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\"")));
  }

  @ParameterizedTest
  @MethodSource("invalidEndpoints")
  void validateEndpoints(String body, List<String> expected) {
    assertThat(createErrors(EndpointsStrategy.INSTANCE, obj(body)))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void endpointSlicePortsGetANameAndProtocol() {
    assertThat(created(EndpointSliceStrategy.INSTANCE, obj(",'addressType':'IPv4','ports':"
        + "[{'port':80}]")).get("ports")).isEqualTo(json("{'p':[{'port':80,'name':'',"
        + "'protocol':'TCP'}]}").get("p"));
  }

  static Stream<Arguments> invalidSlices() {
    return Stream.of(
        Arguments.of(",'addressType':'IPv4','endpoints':[{'addresses':['10.244.1.5']}]",
            List.of()),
        Arguments.of(",'endpoints':[]", List.of("addressType: Required value")),
        Arguments.of(",'addressType':'IPX'", List.of("addressType: Unsupported value: \"IPX\":"
            + " supported values: \"FQDN\", \"IPv4\", \"IPv6\"")),
        Arguments.of(",'addressType':'IPv4','endpoints':[{'addresses':[]}]", List.of(
            "endpoints[0].addresses: Required value: must contain at least 1 address")),
        Arguments.of(",'addressType':'IPv4','endpoints':[{'addresses':['fd00::1']}]", List.of(
            "endpoints[0].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4"
                + " address")),
        Arguments.of(",'addressType':'FQDN','endpoints':[{'addresses':['db']}]", List.of(
            "endpoints[0].addresses[0]: Invalid value: \"db\": should be a domain with at least"
                + " two segments separated by dots")),
        Arguments.of(",'addressType':'IPv4','ports':[{'name':'http','port':80},{'name':'http',"
            + "'port':81}]", List.of("ports[1].name: Duplicate value: \"http\"")));
  }

  @ParameterizedTest
  @MethodSource("invalidSlices")
  void validateEndpointSlice(String body, List<String> expected) {
    assertThat(createErrors(EndpointSliceStrategy.INSTANCE, obj(body)))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void anEndpointSliceKeepsItsAddressType() {
    assertThat(updateErrors(EndpointSliceStrategy.INSTANCE,
        created(EndpointSliceStrategy.INSTANCE, obj(",'addressType':'IPv4'")),
        s -> s.put("addressType", "FQDN")))
        .containsExactly("addressType: Invalid value: \"FQDN\": field is immutable");
  }

  static Stream<Arguments> invalidEvents() {
    return Stream.of(
        Arguments.of(",'involvedObject':{'kind':'Pod','name':'p','namespace':'default'},"
            + "'reason':'Started'", List.of()),
        Arguments.of(",'reason':'Started'", List.of("involvedObject: Required value")),
        Arguments.of(",'involvedObject':{'kind':'Pod','name':'p','namespace':'other'}",
            List.of("involvedObject.namespace: Invalid value: \"other\": does not match"
                + " event.namespace")),
        Arguments.of(",'involvedObject':{'kind':'Node','name':'n1'}", List.of()),
        Arguments.of(",'eventTime':'2024-05-01T10:00:00.000000Z','involvedObject':{'kind':"
            + "'Pod','name':'p','namespace':'default'}", List.of(
            "reportingComponent: Required value", "reportingComponent: Invalid value: \"\":"
                + " name part must be non-empty", "reportingComponent: Invalid value: \"\": name"
                + " part must consist of alphanumeric characters, '-', '_' or '.', and must start"
                + " and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
                + " '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "reportingInstance: Required value", "action: Required value",
            "reason: Required value")));
  }

  @ParameterizedTest
  @MethodSource("invalidEvents")
  void validateEvent(String body, List<String> expected) {
    assertThat(createErrors(EventStrategy.INSTANCE, obj(body)))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void leaseDurationsArePositive() {
    assertThat(createErrors(LeaseStrategy.INSTANCE, obj(",'spec':{'holderIdentity':'a',"
        + "'leaseDurationSeconds':15,'leaseTransitions':0}"))).isEmpty();
    assertThat(createErrors(LeaseStrategy.INSTANCE, obj(",'spec':{'leaseDurationSeconds':0,"
        + "'leaseTransitions':-1}"))).containsExactly(
        "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
        "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0");
  }
}
