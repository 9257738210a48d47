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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAndNamespaceStrategyTest {
  static final NodeStrategy NODES = NodeStrategy.INSTANCE;
  static final NamespaceStrategy NAMESPACES = NamespaceStrategy.INSTANCE;

  @Test
  void aNodeMayRegisterWithStatusAndGetsAllocatableFromCapacity() {
    ObjectNode obj = created(NODES, "{'metadata':{'name':'n1'},'spec':{'podCIDR':'10.244.1.0/24'},"
        + "'status':{'capacity':{'cpu':'2','pods':'110'}}}");
    assertThat(obj.get("status")).isEqualTo(json("{'capacity':{'cpu':'2','pods':'110'},"
        + "'allocatable':{'cpu':'2','pods':'110'}}"));
    assertThat(obj.get("spec")).isEqualTo(json("{'podCIDR':'10.244.1.0/24','podCIDRs':"
        + "['10.244.1.0/24']}"));
  }

  static Stream<Arguments> invalidNodes() {
    return Stream.of(
        Arguments.of("{'podCIDR':'10.244.1.0/33'}", List.of("spec.podCIDRs[0]: Invalid value:"
            + " \"10.244.1.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or"
            + " 2001:db8::/64)")),
        Arguments.of("{'taints':[{'key':'k','effect':'Sometimes'}]}", List.of("spec.taints[0]"
            + ".effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\","
            + " \"PreferNoSchedule\", \"NoExecute\"")),
        Arguments.of("{'taints':[{'key':'k'}]}", List.of("spec.taints[0].effect: Required"
            + " value")),
        Arguments.of("{'taints':[{'key':'k','value':'a','effect':'NoSchedule'},{'key':'k',"
            + "'value':'b','effect':'NoSchedule'}]}", List.of("spec.taints[1]: Duplicate value:"
            + " core.Taint{Key:\"k\", Value:\"b\", Effect:\"NoSchedule\","
            + " TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair")));
  }

  @ParameterizedTest
  @MethodSource("invalidNodes")
  void validateNode(String spec, List<String> expected) {
    assertThat(createErrors(NODES, "{'metadata':{'name':'n1'},'spec':" + spec + "}"))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> nodeUpdates() {
    String fixed = "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from"
        + " \"\" to valid";
    return Stream.of(
        Arguments.of("{}", (Consumer<ObjectNode>) n -> node(n, "spec").put("podCIDR",
            "10.244.2.0/24"), List.of()),
        Arguments.of("{'podCIDR':'10.244.1.0/24'}", (Consumer<ObjectNode>) n ->
            node(n, "spec").put("unschedulable", true), List.of()),
        Arguments.of("{'podCIDR':'10.244.1.0/24'}", (Consumer<ObjectNode>) n -> {
          node(n, "spec").put("podCIDR", "10.244.2.0/24");
          node(n, "spec").remove("podCIDRs");
        }, List.of(fixed)),
        Arguments.of("{'providerID':'kubling://n1'}", (Consumer<ObjectNode>) n ->
            node(n, "spec").put("providerID", "kubling://n2"), List.of("spec.providerID:"
            + " Forbidden: node updates may not change providerID except from \"\" to valid")));
  }

  @ParameterizedTest
  @MethodSource("nodeUpdates")
  void podCidrAndProviderIdOnlyGoFromUnsetToSet(String spec, Consumer<ObjectNode> edit,
      List<String> expected) {
    ObjectNode old = created(NODES, "{'metadata':{'name':'n1'},'spec':" + spec + "}");
    assertThat(updateErrors(NODES, old, edit)).containsExactlyElementsOf(expected);
  }

  @Test
  void nodeStatusIsKeptOnUpdateAndSpecOnStatusUpdate() {
    ObjectNode old = created(NODES, "{'metadata':{'name':'n1'},'spec':{},'status':"
        + "{'phase':'Running'}}");
    ObjectNode obj = updated(NODES, old, n -> n.putObject("status").put("phase", "Pending"));
    assertThat(obj.get("status")).isEqualTo(json("{'phase':'Running'}"));

    ObjectNode status = old.deepCopy();
    node(status, "spec").put("unschedulable", true);
    status.putObject("status").putObject("capacity").put("cpu", "4");
    NODES.prepareForStatusUpdate(status, old);
    assertThat(status.get("spec")).isEqualTo(old.get("spec"));
    assertThat(status.get("status")).isEqualTo(json("{'capacity':{'cpu':'4'},"
        + "'allocatable':{'cpu':'4'}}"));
  }

  @Test
  void aNamespaceIsActiveWithTheKubernetesFinalizerAndANameLabel() {
    ObjectNode obj = created(NAMESPACES, "{'metadata':{'name':'dev'},'status':"
        + "{'phase':'Terminating'}}");
    assertThat(obj).isEqualTo(json("{'metadata':{'name':'dev','labels':"
        + "{'kubernetes.io/metadata.name':'dev'}},'spec':{'finalizers':['kubernetes']},"
        + "'status':{'phase':'Active'}}"));
    assertThat(NAMESPACES.nameRule()).isEqualTo(NameRule.DNS1123_LABEL);
  }

  @Test
  void aNamespaceUpdateKeepsFinalizersAndStatus() {
    ObjectNode old = created(NAMESPACES, "{'metadata':{'name':'dev'}}");
    ObjectNode obj = updated(NAMESPACES, old, n -> {
      node(n, "spec").putArray("finalizers");
      node(n, "status").put("phase", "Terminating");
      node(n, "metadata", "labels").put("kubernetes.io/metadata.name", "prod");
    });
    assertThat(obj.get("spec")).isEqualTo(json("{'finalizers':['kubernetes']}"));
    assertThat(obj.get("status")).isEqualTo(json("{'phase':'Active'}"));
    assertThat(node(obj, "metadata", "labels").get("kubernetes.io/metadata.name").asText())
        .isEqualTo("dev");
  }

  @Test
  void namespaceFinalizersAreStandardOrQualified() {
    assertThat(createErrors(NAMESPACES, "{'metadata':{'name':'dev'},'spec':{'finalizers':"
        + "['example.com/cleanup','cleanup']}}")).containsExactly("spec.finalizers[1]: Invalid"
        + " value: \"cleanup\": name is neither a standard finalizer name nor is it fully"
        + " qualified");
  }
}
