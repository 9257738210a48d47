package io.kubling.apiserver.patch;

import static io.kubling.apiserver.patch.PatchCase.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A patch that changes nothing yields an equal object (so no write, no new resourceVersion). */
class NoChangePatchTest {
  static final String POD = """
      {"kind":"Pod","metadata":{"name":"p","labels":{"app":"web"},"finalizers":["a","b"]},
       "spec":{"containers":[{"name":"a","image":"nginx","env":[{"name":"X","value":"1"}],
         "ports":[{"containerPort":80}]},{"name":"b","image":"redis"}],
        "tolerations":[{"key":"k"}],"strategy":{"type":"x"}}}""";

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      """
      {"metadata":{"labels":{"app":"web"},"annotations":null}}""",
      """
      {"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis"}]}}""",
      """
      {"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}""",
      """
      {"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}}""",
      """
      {"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[]}}""",
      """
      {"metadata":{"finalizers":["a","b"],"$deleteFromPrimitiveList/finalizers":["c"]}}""",
      """
      {"metadata":{"$setElementOrder/finalizers":["a","b"]}}""",
      """
      {"spec":{"tolerations":[{"key":"k"}],"strategy":{"$retainKeys":["type"]}}}""",
      """
      {"spec":{"containers":[{"$patch":"delete","name":"gone"}]}}"""})
  void yieldsAnEqualObject(String patch) {
    ObjectNode original = (ObjectNode) json(POD);
    assertThat(StrategicMergePatch.apply(original, json(patch), "Pod")).isEqualTo(json(POD));
  }

  @Test
  void leavesTheOriginalAndThePatchUnchanged() {
    ObjectNode original = (ObjectNode) json(POD);
    String patch = """
        {"metadata":{"labels":null,"$deleteFromPrimitiveList/finalizers":["a"]},
         "spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
          "containers":[{"name":"a","image":"x","env":[{"$patch":"delete","name":"X"}]}],
          "strategy":{"$patch":"delete"}}}""";
    ObjectNode patchNode = (ObjectNode) json(patch);
    ObjectNode result = StrategicMergePatch.apply(original, patchNode, "Pod");
    assertThat(original).isEqualTo(json(POD));
    assertThat(patchNode).isEqualTo(json(patch));
    assertThat(result.at("/spec/containers/1/env")).isEmpty();
    assertThat(result.at("/metadata/finalizers")).isEqualTo(json("[\"b\"]"));
  }
}
