package io.kubling.apiserver.patch;

import static io.kubling.apiserver.patch.PatchCase.json;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad patches are refused by name, with the path they were found at. */
class StrategicMergePatchErrorsTest {
  static final String POD = """
      {"kind":"Pod","metadata":{"name":"p","finalizers":["a"]},
       "spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis"}],
        "tolerations":[{"key":"k"}],"securityContext":{"runAsUser":1}}}""";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("""
            {"spec":{"$replace":true}}""",
            "spec: unknown strategic merge patch directive \"$replace\""),
        Arguments.of("""
            {"metadata":{"$setElementOrder":["a"]}}""",
            "metadata: unknown strategic merge patch directive \"$setElementOrder\""),
        Arguments.of("""
            {"spec":{"securityContext":{"$patch":"remove"}}}""",
            "spec.securityContext: unknown $patch directive \"remove\""),
        Arguments.of("""
            {"spec":{"containers":[{"$patch":"drop","name":"a"}]}}""",
            "spec.containers: unknown $patch directive \"drop\""),
        Arguments.of("""
            {"spec":{"tolerations":[{"$patch":"drop"}]}}""",
            "spec.tolerations: unknown $patch directive \"drop\""),
        Arguments.of("""
            {"spec":{"containers":[{"$patch":"merge"}]}}""",
            "spec.containers: $patch: merge cannot be given for a list"),
        Arguments.of("""
            {"spec":{"containers":[{"image":"busybox"}]}}""",
            "spec.containers: list item {\"image\":\"busybox\"} does not contain declared merge"
                + " key: name"),
        Arguments.of("""
            {"spec":{"containers":[{"$patch":"delete","image":"nginx"}]}}""",
            "does not contain declared merge key: name"),
        Arguments.of("""
            {"spec":{"securityContext":{"$retainKeys":"fsGroup","fsGroup":2}}}""",
            "spec.securityContext: $retainKeys must be a list of field names"),
        Arguments.of("""
            {"spec":{"securityContext":{"$retainKeys":["fsGroup"],"runAsGroup":2}}}""",
            "spec.securityContext: the patch sets \"runAsGroup\", which $retainKeys"),
        Arguments.of("""
            {"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
              "containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}""",
            "spec.containers: the order in the patch list"),
        Arguments.of("""
            {"spec":{"$setElementOrder/containers":[{"name":"a"}],
              "containers":[{"name":"z","image":"x"}]}}""",
            "spec.containers: the order in the patch list"),
        Arguments.of("""
            {"spec":{"$setElementOrder/containers":{"name":"a"}}}""",
            "spec.containers: $setElementOrder must be a list"),
        Arguments.of("""
            {"spec":{"$setElementOrder/tolerations":[{"key":"k"}]}}""",
            "spec.tolerations: $setElementOrder needs a list with a merge key"),
        Arguments.of("""
            {"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""",
            "metadata.finalizers: $deleteFromPrimitiveList/finalizers must be a list"),
        Arguments.of("""
            {"spec":{"$deleteFromPrimitiveList/containers":[{"name":"a"}]}}""",
            "spec.containers: $deleteFromPrimitiveList applies to lists of primitives only"),
        Arguments.of("""
            {"metadata":{"finalizers":[["x"]]}}""",
            "metadata.finalizers: lists of lists are not supported"),
        Arguments.of("""
            {"metadata":{"finalizers":[1]}}""",
            "metadata.finalizers: list element types are not identical"),
        Arguments.of("""
            {"$patch":"delete"}""",
            "$patch: delete cannot delete the whole object"),
        Arguments.of("""
            ["not","an","object"]""",
            "a strategic merge patch must be a JSON object, got array"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cases")
  void refuses(String patch, String message) {
    ObjectNode pod = (ObjectNode) json(POD);
    assertThatThrownBy(() -> StrategicMergePatch.apply(pod, json(patch), "Pod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
