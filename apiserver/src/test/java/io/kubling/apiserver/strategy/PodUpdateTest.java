package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.node;
import static io.kubling.apiserver.strategy.Flow.updateErrors;
import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodUpdateTest {
  static final PodStrategy S = PodStrategy.INSTANCE;
  static final String FORBIDDEN = "spec: Forbidden: pod updates may not change fields other than"
      + " `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
      + "`spec.tolerations` (only additions to existing tolerations),"
      + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously"
      + " negative)";

  static ObjectNode old() {
    return created(S, "{'metadata':{'name':'p'},'spec':{'activeDeadlineSeconds':60,"
        + "'tolerations':[{'key':'a','operator':'Exists','effect':'NoExecute',"
        + "'tolerationSeconds':30}],'containers':[{'name':'web','image':'nginx:1.25'}]}}");
  }

  static ObjectNode spec(ObjectNode pod) {
    return node(pod, "spec");
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("new image", (Consumer<ObjectNode>) p ->
            node(p, "spec", "containers", 0).put("image", "nginx:1.26"), List.of()),
        Arguments.of("shorter deadline", (Consumer<ObjectNode>) p ->
            spec(p).put("activeDeadlineSeconds", 30), List.of()),
        Arguments.of("added toleration", (Consumer<ObjectNode>) p ->
            spec(p).withArray("tolerations").addObject().put("operator", "Exists"), List.of()),
        Arguments.of("toleration seconds changed", (Consumer<ObjectNode>) p ->
            node(p, "spec", "tolerations", 0).put("tolerationSeconds", 5), List.of()),
        Arguments.of("longer deadline", (Consumer<ObjectNode>) p ->
            spec(p).put("activeDeadlineSeconds", 90), List.of("spec.activeDeadlineSeconds:"
            + " Invalid value: 90: must be less than or equal to previous value")),
        Arguments.of("deadline removed", (Consumer<ObjectNode>) p ->
            spec(p).remove("activeDeadlineSeconds"), List.of("spec.activeDeadlineSeconds:"
            + " Invalid value: null: must not update from a positive integer to nil value")),
        Arguments.of("toleration removed", (Consumer<ObjectNode>) p ->
            spec(p).remove("tolerations"), List.of("spec.tolerations: Forbidden: existing"
            + " toleration can not be modified except its tolerationSeconds")),
        Arguments.of("container added", (Consumer<ObjectNode>) p ->
            spec(p).withArray("containers").addObject().put("name", "b").put("image", "i"),
            List.of("spec.containers: Forbidden: pod updates may not add or remove containers")),
        Arguments.of("image removed", (Consumer<ObjectNode>) p ->
            node(p, "spec", "containers", 0).remove("image"),
            List.of("spec.containers[0].image: Required value")),
        Arguments.of("restart policy changed", (Consumer<ObjectNode>) p ->
            spec(p).put("restartPolicy", "Never"), List.of(FORBIDDEN
            + "\n- spec.restartPolicy: \"Always\"\n+ spec.restartPolicy: \"Never\"")),
        Arguments.of("grace period changed", (Consumer<ObjectNode>) p ->
            spec(p).put("terminationGracePeriodSeconds", 10), List.of(FORBIDDEN
            + "\n- spec.terminationGracePeriodSeconds: 30\n+ spec.terminationGracePeriodSeconds:"
            + " 10")),
        Arguments.of("node set by update", (Consumer<ObjectNode>) p ->
            spec(p).put("nodeName", "node-1"), List.of(FORBIDDEN
            + "\n- spec.nodeName: <unset>\n+ spec.nodeName: \"node-1\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void validateUpdate(String name, Consumer<ObjectNode> edit, List<String> expected) {
    assertThat(updateErrors(S, old(), edit)).containsExactlyElementsOf(expected);
  }

  @Test
  void aBoundPodStaysOnItsNode() {
    ObjectNode old = old();
    spec(old).put("nodeName", "node-1");
    assertThat(updateErrors(S, old, p -> spec(p).put("nodeName", "node-2")))
        .containsExactly(FORBIDDEN + "\n- spec.nodeName: \"node-1\"\n+ spec.nodeName: \"node-2\"");
  }

  @Test
  void aNegativeGracePeriodMayBecomeOne() {
    ObjectNode old = old();
    spec(old).put("terminationGracePeriodSeconds", -1);
    assertThat(updateErrors(S, old, p -> spec(p).put("terminationGracePeriodSeconds", 1)))
        .isEmpty();
  }

  @Test
  void anUpdateKeepsTheStatus() {
    ObjectNode old = old();
    old.putObject("status").put("phase", "Running").put("qosClass", "BestEffort");
    ObjectNode updated = Flow.updated(S, old, p -> p.putObject("status").put("phase", "Failed"));
    assertThat(updated.get("status")).isEqualTo(json("{'phase':'Running','qosClass':"
        + "'BestEffort'}"));
  }

  @Test
  void aStatusUpdateKeepsTheSpecAndTheQosClass() {
    ObjectNode old = old();
    ObjectNode obj = old.deepCopy();
    spec(obj).put("restartPolicy", "Never");
    obj.putObject("status").put("phase", "Running").put("qosClass", "BestEffort");
    S.prepareForStatusUpdate(obj, old);
    assertThat(obj.get("spec")).isEqualTo(old.get("spec"));
    assertThat(obj.get("status").get("phase").asText()).isEqualTo("Running");
    assertThat(S.validateStatusUpdate(obj, old)).isEmpty();

    ((ObjectNode) obj.get("status")).put("qosClass", "Guaranteed");
    assertThat(messages(S.validateStatusUpdate(obj, old)))
        .containsExactly("status.qosClass: Invalid value: \"Guaranteed\": field is immutable");
  }
}
