package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.node;
import static io.kubling.apiserver.strategy.Flow.updateErrors;
import static io.kubling.apiserver.strategy.Flow.updated;
import static io.kubling.apiserver.validation.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.NameRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceStrategyTest {
  static final ServiceStrategy S = ServiceStrategy.INSTANCE;

  static String svc(String spec) {
    return "{'metadata':{'name':'web','namespace':'default'},'spec':" + spec + "}";
  }

  static Stream<Arguments> defaults() {
    return Stream.of(
        Arguments.of("ClusterIP", "{'selector':{'app':'web'},'ports':[{'port':80}]}",
            "{'selector':{'app':'web'},'ports':[{'port':80,'protocol':'TCP','targetPort':80}],"
                + "'sessionAffinity':'None','type':'ClusterIP','internalTrafficPolicy':'Cluster',"
                + "'ipFamilies':['IPv4'],'ipFamilyPolicy':'SingleStack'}"),
        Arguments.of("NodePort, named target", "{'type':'NodePort','ports':[{'port':80,"
            + "'targetPort':'http','protocol':'UDP'}]}", "{'type':'NodePort','ports':[{'port':80,"
            + "'targetPort':'http','protocol':'UDP'}],'sessionAffinity':'None',"
            + "'externalTrafficPolicy':'Cluster','internalTrafficPolicy':'Cluster',"
            + "'ipFamilies':['IPv4'],'ipFamilyPolicy':'SingleStack'}"),
        Arguments.of("LoadBalancer with ClientIP affinity", "{'type':'LoadBalancer',"
            + "'sessionAffinity':'ClientIP','ports':[{'port':443}]}", "{'type':'LoadBalancer',"
            + "'sessionAffinity':'ClientIP','sessionAffinityConfig':{'clientIP':"
            + "{'timeoutSeconds':10800}},'ports':[{'port':443,'protocol':'TCP','targetPort':443}],"
            + "'externalTrafficPolicy':'Cluster','internalTrafficPolicy':'Cluster',"
            + "'allocateLoadBalancerNodePorts':true,'ipFamilies':['IPv4'],"
            + "'ipFamilyPolicy':'SingleStack'}"),
        Arguments.of("ExternalName", "{'type':'ExternalName','externalName':'db.example.com'}",
            "{'type':'ExternalName','externalName':'db.example.com','sessionAffinity':'None'}"),
        Arguments.of("None drops an affinity config", "{'sessionAffinityConfig':{'clientIP':"
            + "{'timeoutSeconds':5}},'ports':[{'port':80,'targetPort':8080}]}",
            "{'ports':[{'port':80,'targetPort':8080,'protocol':'TCP'}],'sessionAffinity':'None',"
                + "'type':'ClusterIP','internalTrafficPolicy':'Cluster','ipFamilies':['IPv4'],"
                + "'ipFamilyPolicy':'SingleStack'}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void appliesDefaults(String name, String spec, String expected) {
    assertThat(created(S, svc(spec)).get("spec")).isEqualTo(json(expected));
  }

  @Test
  void createClearsStatusAndCopiesClusterIPIntoClusterIPs() {
    ObjectNode obj = created(S, svc("{'clusterIP':'10.96.0.10','ports':[{'port':53}]}")
        .replace("'spec':", "'status':{'loadBalancer':{'ingress':[{'ip':'1.2.3.4'}]}},'spec':"));
    assertThat(obj.get("status")).isEqualTo(json("{'loadBalancer':{}}"));
    assertThat(obj.get("spec").get("clusterIPs")).isEqualTo(json("{'a':['10.96.0.10']}").get("a"));
  }

  @Test
  void namesAreDns1035Labels() {
    assertThat(S.nameRule()).isEqualTo(NameRule.DNS1035_LABEL);
  }

  static final String RANGE = "must be between 1 and 65535, inclusive";

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("no ports", "{}", List.of("spec.ports: Required value")),
        Arguments.of("headless without ports", "{'clusterIP':'None'}", List.of()),
        Arguments.of("port 0", "{'ports':[{'port':0}]}", List.of(
            "spec.ports[0].port: Invalid value: 0: " + RANGE,
            "spec.ports[0].targetPort: Invalid value: 0: " + RANGE)),
        Arguments.of("unnamed ports", "{'ports':[{'port':80},{'port':443}]}", List.of(
            "spec.ports[0].name: Required value", "spec.ports[1].name: Required value")),
        Arguments.of("duplicate port names", "{'ports':[{'name':'http','port':80},"
            + "{'name':'http','port':81}]}",
            List.of("spec.ports[1].name: Duplicate value: \"http\"")),
        Arguments.of("duplicate ports", "{'ports':[{'name':'a','port':80},{'name':'b',"
            + "'port':80}]}", List.of("spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\","
            + " Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:"
            + "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")),
        Arguments.of("unknown protocol", "{'ports':[{'port':80,'protocol':'HTTP'}]}",
            List.of("spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\"")),
        Arguments.of("bad target port name", "{'ports':[{'port':80,'targetPort':'web-'}]}",
            List.of("spec.ports[0].targetPort: Invalid value: \"web-\": must not begin or end"
                + " with a hyphen")),
        Arguments.of("unknown type", "{'type':'Magic','ports':[{'port':80}]}",
            List.of("spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\","
                + " \"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
        Arguments.of("nodePort on ClusterIP", "{'ports':[{'port':80,'nodePort':30080}]}",
            List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is"
                + " 'ClusterIP'")),
        Arguments.of("nodePort out of range", "{'type':'NodePort','ports':[{'port':80,"
            + "'nodePort':70000}]}", List.of("spec.ports[0].nodePort: Invalid value: 70000: "
            + RANGE)),
        Arguments.of("duplicate nodePort", "{'type':'NodePort','ports':[{'name':'a','port':80,"
            + "'nodePort':30080},{'name':'b','port':81,'nodePort':30080}]}",
            List.of("spec.ports[1].nodePort: Duplicate value: 30080")),
        Arguments.of("kubelet port on a LoadBalancer", "{'type':'LoadBalancer','ports':"
            + "[{'port':10250}]}", List.of("spec.ports[0]: Invalid value: 10250: may not expose"
            + " port 10250 externally since it is used by kubelet")),
        Arguments.of("headless NodePort", "{'type':'NodePort','clusterIP':'None','ports':"
            + "[{'port':80}]}", List.of("spec.clusterIPs[0]: Invalid value: \"None\": may not be"
            + " set to 'None' for NodePort services")),
        Arguments.of("bad clusterIP", "{'clusterIP':'10.96.0.300','ports':[{'port':80}]}",
            List.of("spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP"
                + " address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        Arguments.of("IPv6 clusterIP", "{'clusterIP':'fd00::1','ports':[{'port':80}]}",
            List.of("spec.clusterIPs[0]: Invalid value: []string{\"fd00::1\"}: expected an IPv4"
                + " value as indicated by `ipFamilies[0]`")),
        Arguments.of("dual stack required", "{'ipFamilyPolicy':'RequireDualStack','ports':"
            + "[{'port':80}]}", List.of("spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\":"
            + " this cluster is not configured for dual-stack services")),
        Arguments.of("ExternalName without a name", "{'type':'ExternalName'}",
            List.of("spec.externalName: Required value")),
        Arguments.of("ExternalName with a clusterIP", "{'type':'ExternalName','externalName':"
            + "'db.example.com.','clusterIP':'10.96.0.5'}", List.of("spec.clusterIPs: Forbidden:"
            + " may not be set for ExternalName services")),
        Arguments.of("unknown affinity", "{'sessionAffinity':'Sticky','ports':[{'port':80}]}",
            List.of("spec.sessionAffinity: Unsupported value: \"Sticky\": supported values:"
                + " \"ClientIP\", \"None\"")),
        Arguments.of("zero affinity timeout", "{'sessionAffinity':'ClientIP',"
            + "'sessionAffinityConfig':{'clientIP':{'timeoutSeconds':0}},'ports':[{'port':80}]}",
            List.of("spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must"
                + " be greater than 0 and less than 86400")),
        Arguments.of("external policy on ClusterIP", "{'externalTrafficPolicy':'Local','ports':"
            + "[{'port':80}]}", List.of("spec.externalTrafficPolicy: Invalid value: \"Local\":"
            + " may only be set for externally-accessible services")),
        Arguments.of("bad selector", "{'selector':{'app':'a b'},'ports':[{'port':80}]}",
            List.of("spec.selector: Invalid value: \"a b\": a valid label must be an empty string"
                + " or consist of alphanumeric characters, '-', '_' or '.', and must start and"
                + " end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or"
                + " '12345', regex used for validation is"
                + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void validate(String name, String spec, List<String> expected) {
    assertThat(createErrors(S, svc(spec))).containsExactlyElementsOf(expected);
  }

  static ObjectNode old() {
    ObjectNode old = created(S, svc("{'type':'NodePort','selector':{'app':'web'},'ports':"
        + "[{'port':80,'nodePort':30080}]}"));
    // What the store allocates after validation.
    node(old, "spec").put("clusterIP", "10.96.0.10").set("clusterIPs",
        json("{'a':['10.96.0.10']}").get("a"));
    return old;
  }

  @Test
  void theClusterIPMayNotChange() {
    assertThat(updateErrors(S, old(), s -> node(s, "spec").put("clusterIP", "10.96.0.11")))
        .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not"
            + " change once set");
  }

  @Test
  void anUpdateWithoutClusterIPKeepsIt() {
    ObjectNode obj = updated(S, old(), s -> {
      node(s, "spec").remove("clusterIP");
      node(s, "spec").remove("clusterIPs");
    });
    assertThat(S.validateUpdate(obj, old())).isEmpty();
    assertThat(obj.get("spec").get("clusterIP").asText()).isEqualTo("10.96.0.10");
    assertThat(obj.get("spec").get("clusterIPs")).isEqualTo(old().get("spec").get("clusterIPs"));
  }

  @Test
  void becomingExternalNameDropsTheClusterIPAndNodePorts() {
    ObjectNode obj = updated(S, old(), s -> node(s, "spec").put("type", "ExternalName")
        .put("externalName", "db.example.com"));
    assertThat(S.validateUpdate(obj, old())).isEmpty();
    assertThat(obj.get("spec").has("clusterIP")).isFalse();
    assertThat(obj.get("spec").has("ipFamilies")).isFalse();
    assertThat(node(obj, "spec", "ports", 0).has("nodePort")).isFalse();
    assertThat(obj.get("spec").has("externalTrafficPolicy")).isFalse();
  }

  @Test
  void becomingClusterIPDropsNodePortsTheClientKept() {
    ObjectNode obj = updated(S, old(), s -> node(s, "spec").put("type", "ClusterIP"));
    assertThat(S.validateUpdate(obj, old())).isEmpty();
    assertThat(node(obj, "spec", "ports", 0).has("nodePort")).isFalse();
    assertThat(obj.get("spec").get("clusterIP").asText()).isEqualTo("10.96.0.10");
  }

  @Test
  void statusIsKeptOnUpdateAndSpecOnStatusUpdate() {
    ObjectNode old = created(S, svc("{'type':'LoadBalancer','ports':[{'port':80}]}"));
    node(old, "status", "loadBalancer").putArray("ingress").addObject().put("ip", "1.2.3.4");
    ObjectNode obj = updated(S, old, s -> s.putObject("status"));
    assertThat(obj.get("status")).isEqualTo(old.get("status"));

    ObjectNode status = old.deepCopy();
    node(status, "spec").put("type", "ClusterIP");
    node(status, "status").putObject("loadBalancer");
    S.prepareForStatusUpdate(status, old);
    assertThat(status.get("spec")).isEqualTo(old.get("spec"));
    assertThat(status.get("status")).isEqualTo(json("{'loadBalancer':{}}"));
  }

  @Test
  void aServiceThatStopsBeingALoadBalancerLosesItsLoadBalancerStatus() {
    ObjectNode old = created(S, svc("{'type':'LoadBalancer','ports':[{'port':80}]}"));
    node(old, "status", "loadBalancer").putArray("ingress").addObject().put("ip", "1.2.3.4");
    ObjectNode obj = updated(S, old, s -> node(s, "spec").put("type", "NodePort"));
    assertThat(obj.get("status")).isEqualTo(json("{'loadBalancer':{}}"));
  }
}
