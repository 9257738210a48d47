package io.kubling.apiserver.patch;

import static io.kubling.apiserver.patch.PatchCase.json;
import static io.kubling.apiserver.patch.PatchCase.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Maps, merge keys and every directive, one row each. */
class StrategicMergePatchTest {
  static final String A = """
      {"name":"a","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],
       "env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],
       "volumeMounts":[{"name":"data","mountPath":"/data"}]}""";
  static final String B = """
      {"name":"b","image":"redis"}""";
  static final String C = """
      {"name":"c","image":"busybox"}""";
  static final String POD = """
      {"kind":"Pod","metadata":{"name":"p","labels":{"app":"web","tier":"fe"},
        "finalizers":["a","b"]},
       "spec":{"containers":[%s,%s,%s],
        "securityContext":{"runAsUser":1000},
        "tolerations":[{"key":"k1","operator":"Exists"}],
        "volumes":[{"name":"data","emptyDir":{}}]}}
      """.formatted(A, B, C);

  static Stream<Arguments> cases() {
    return Stream.of(
        row("maps merge recursively", "Pod", POD,
            """
            {"metadata":{"labels":{"env":"prod"}},"spec":{"securityContext":{"fsGroup":2000}}}""",
            POD.replace("\"tier\":\"fe\"", "\"tier\":\"fe\",\"env\":\"prod\"")
                .replace("\"runAsUser\":1000", "\"runAsUser\":1000,\"fsGroup\":2000")),
        row("null deletes a key; null for an absent key changes nothing", "Pod", POD,
            """
            {"metadata":{"labels":{"tier":null,"absent":null}}}""",
            POD.replace(",\"tier\":\"fe\"", "")),
        row("containers merge by name, keeping the fields the patch does not name", "Pod", POD,
            """
            {"spec":{"containers":[{"name":"b","image":"redis:7"}]}}""",
            POD.replace("\"redis\"", "\"redis:7\"")),
        row("a new item leading the patch goes first, as Kubernetes orders it", "Pod", POD,
            """
            {"spec":{"containers":[{"name":"d","image":"alpine"}]}}""",
            withContainers("{\"name\":\"d\",\"image\":\"alpine\"}", A, B, C)),
        row("a new item after a known one follows it", "Pod", POD,
            """
            {"spec":{"containers":[{"name":"b","image":"redis"},{"name":"d","image":"alpine"}]}}""",
            withContainers(A, B, "{\"name\":\"d\",\"image\":\"alpine\"}", C)),
        row("env by name, ports by containerPort, volumeMounts by mountPath", "Pod", POD,
            """
            {"spec":{"containers":[{"name":"a",
              "env":[{"name":"Y","value":"two"}],
              "ports":[{"containerPort":80,"name":"http"}],
              "volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}""",
            POD.replace("\"value\":\"2\"", "\"value\":\"two\"")
                .replace("\"protocol\":\"TCP\"", "\"protocol\":\"TCP\",\"name\":\"http\"")
                .replace("\"mountPath\":\"/data\"", "\"mountPath\":\"/data\",\"readOnly\":true")),
        row("an empty list for a merging list changes nothing", "Pod", POD,
            """
            {"spec":{"containers":[]}}""",
            POD),
        row("lists without a strategy are replaced whole (tolerations)", "Pod", POD,
            """
            {"spec":{"tolerations":[{"key":"k2","operator":"Exists"}]}}""",
            POD.replace("\"k1\"", "\"k2\"")),
        row("$patch: replace on a map", "Pod", POD,
            """
            {"metadata":{"labels":{"$patch":"replace","only":"me"}}}""",
            POD.replace("{\"app\":\"web\",\"tier\":\"fe\"}", "{\"only\":\"me\"}")),
        row("$patch: replace on a map the original lacks", "Pod", POD,
            """
            {"metadata":{"annotations":{"$patch":"replace","a":"1","gone":null}}}""",
            POD.replace("\"labels\"", "\"annotations\":{\"a\":\"1\"},\"labels\"")),
        row("{\"$patch\":\"replace\"} as a list item replaces the list", "Pod", POD,
            """
            {"spec":{"containers":[{"name":"z","image":"alpine"},{"$patch":"replace"}]}}""",
            withContainers("{\"name\":\"z\",\"image\":\"alpine\"}")),
        row("$patch: delete in a list item deletes the item with that key", "Pod", POD,
            """
            {"spec":{"containers":[{"$patch":"delete","name":"b"}]}}""",
            withContainers(A, C)),
        row("$patch: delete of an absent item changes nothing", "Pod", POD,
            """
            {"spec":{"containers":[{"$patch":"delete","name":"nope"}]}}""",
            POD),
        row("$patch: delete on a map deletes the map", "Pod", POD,
            """
            {"spec":{"securityContext":{"$patch":"delete"}}}""",
            POD.replace("\"securityContext\":{\"runAsUser\":1000},", "")),
        row("$patch: merge on a map is the default", "Pod", POD,
            """
            {"spec":{"securityContext":{"$patch":"merge","fsGroup":2000}}}""",
            POD.replace("\"runAsUser\":1000", "\"runAsUser\":1000,\"fsGroup\":2000")),
        row("$retainKeys keeps only the listed keys after the merge", "Pod", POD,
            """
            {"spec":{"securityContext":{"$retainKeys":["fsGroup"],"fsGroup":2000}}}""",
            POD.replace("\"runAsUser\":1000", "\"fsGroup\":2000")),
        row("$retainKeys in a volume switches its source", "Pod", POD,
            """
            {"spec":{"volumes":[{"name":"data","$retainKeys":["hostPath","name"],
              "hostPath":{"path":"/srv"},"emptyDir":null}]}}""",
            POD.replace("\"emptyDir\":{}", "\"hostPath\":{\"path\":\"/srv\"}")),
        row("$deleteFromPrimitiveList removes values from a primitive list", "Pod", POD,
            """
            {"metadata":{"$deleteFromPrimitiveList/finalizers":["a","absent"]}}""",
            POD.replace("[\"a\",\"b\"]", "[\"b\"]")),
        row("$deleteFromPrimitiveList of a list the original lacks adds nothing", "Pod", POD,
            """
            {"spec":{"$deleteFromPrimitiveList/args":["x"]}}""",
            POD),
        row("a merging primitive list is a union without duplicates", "Pod", POD,
            """
            {"metadata":{"finalizers":["b","c"]}}""",
            POD.replace("[\"a\",\"b\"]", "[\"a\",\"b\",\"c\"]")),
        row("a union led by a new value puts it first, as Kubernetes does", "Pod", POD,
            """
            {"metadata":{"finalizers":["c"]}}""",
            POD.replace("[\"a\",\"b\"]", "[\"c\",\"a\",\"b\"]")),
        row("$setElementOrder reorders a list of objects", "Pod", POD,
            """
            {"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}""",
            withContainers(C, A, B)),
        row("$setElementOrder reorders a list of primitives", "Pod", POD,
            """
            {"metadata":{"$setElementOrder/finalizers":["b","a"]}}""",
            POD.replace("[\"a\",\"b\"]", "[\"b\",\"a\"]")),
        row("$setElementOrder keeps server-only items near their places", "Pod", POD,
            """
            {"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"}],
              "containers":[{"name":"c","image":"busybox:1"}]}}""",
            withContainers(B, C.replace("busybox", "busybox:1"), A)),
        row("directives in values the original lacks are applied, never kept", "Pod",
            """
            {"kind":"Pod","metadata":{"name":"p"}}""",
            """
            {"metadata":{"labels":{"$retainKeys":["a"],"a":"1","b":null},
              "$setElementOrder/finalizers":["y","x"],"finalizers":["y","x"]},
             "spec":{"containers":[{"name":"a","image":"i","env":[{"$patch":"delete","name":"Q"}]},
               {"$patch":"replace"}]}}""",
            """
            {"kind":"Pod","metadata":{"name":"p","labels":{"a":"1"},"finalizers":["y","x"]},
             "spec":{"containers":[{"name":"a","image":"i","env":[]}]}}"""),
        row("a value of another type is replaced by the patch's", "Pod", POD,
            """
            {"spec":{"securityContext":"none"}}""",
            POD.replace("{\"runAsUser\":1000}", "\"none\"")),
        row("lists of unknown kinds are replaced whole", "Widget",
            """
            {"kind":"Widget","spec":{"containers":[{"name":"a"}],"tags":["x"]}}""",
            """
            {"spec":{"containers":[{"name":"b"}],"tags":["y"]}}""",
            """
            {"kind":"Widget","spec":{"containers":[{"name":"b"}],"tags":["y"]}}"""),
        row("metadata of unknown kinds still merges finalizers", "Widget",
            """
            {"kind":"Widget","metadata":{"finalizers":["a"]}}""",
            """
            {"metadata":{"finalizers":["b"]}}""",
            """
            {"kind":"Widget","metadata":{"finalizers":["b","a"]}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applies(PatchCase c) {
    assertThat(c.apply()).isEqualTo(json(c.expected()));
  }

  private static String withContainers(String... containers) {
    ObjectNode pod = (ObjectNode) json(POD);
    ((ObjectNode) pod.get("spec")).set("containers", json("[" + String.join(",", containers) + "]"));
    return pod.toString();
  }
}
