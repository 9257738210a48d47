package io.kubling.apiserver.patch;

import static io.kubling.apiserver.patch.PatchCase.json;
import static io.kubling.apiserver.patch.PatchCase.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The patches kubectl 1.32 sends, and the examples of the Kubernetes docs' patch task. */
class KubectlPatchesTest {
  static final String NODE = """
      {"kind":"Node","metadata":{"name":"n1","labels":{"kubernetes.io/hostname":"n1"}},
       "spec":{"podCIDR":"10.0.1.0/24","taints":[{"key":"a","value":"1","effect":"NoSchedule"}]},
       "status":{"conditions":[{"type":"Ready","status":"True"},
         {"type":"MemoryPressure","status":"False"}]}}""";
  static final String DEPLOYMENT = """
      {"kind":"Deployment","metadata":{"name":"d","annotations":{"x":"y"}},
       "spec":{"replicas":2,"strategy":{"type":"RollingUpdate",
         "rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
        "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[
          {"name":"a","image":"nginx","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
          {"name":"b","image":"redis"},
          {"name":"c","image":"busybox"}]}}}}""";
  /** k8s.io/examples/application/deployment-patch.yaml. */
  static final String DOCS_PATCH_DEMO = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"patch-demo"},
       "spec":{"replicas":2,"selector":{"matchLabels":{"app.kubernetes.io/name":"nginx"}},
        "template":{"metadata":{"labels":{"app.kubernetes.io/name":"nginx"}},
         "spec":{"containers":[{"name":"patch-demo-ctr","image":"nginx"}],
          "tolerations":[{"effect":"NoSchedule","key":"dedicated","value":"test-team"}]}}}}""";
  /** k8s.io/examples/application/deployment-retainkeys.yaml. */
  static final String DOCS_RETAINKEYS_DEMO = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"retainkeys-demo"},
       "spec":{"selector":{"matchLabels":{"app.kubernetes.io/name":"nginx"}},
        "strategy":{"rollingUpdate":{"maxSurge":"30%"}},
        "template":{"metadata":{"labels":{"app.kubernetes.io/name":"nginx"}},
         "spec":{"containers":[{"name":"retainkeys-demo-ctr","image":"nginx"}]}}}}""";

  static Stream<Arguments> cases() {
    return Stream.of(
        row("kubectl cordon", "Node", NODE,
            """
            {"spec":{"unschedulable":true}}""",
            NODE.replace("\"spec\":{", "\"spec\":{\"unschedulable\":true,")),
        row("kubectl uncordon", "Node",
            NODE.replace("\"spec\":{", "\"spec\":{\"unschedulable\":true,"),
            """
            {"spec":{"unschedulable":null}}""",
            NODE),
        row("kubectl taint adds: the whole taints list replaces", "Node", NODE,
            """
            {"spec":{"taints":[{"key":"a","value":"1","effect":"NoSchedule"},
              {"key":"b","effect":"NoExecute"}]}}""",
            NODE.replace("\"NoSchedule\"}]", "\"NoSchedule\"},{\"key\":\"b\",\"effect\":\"NoExecute\"}]")),
        row("kubectl taint removes the last taint with null", "Node", NODE,
            """
            {"spec":{"taints":null}}""",
            NODE.replace(",\"taints\":[{\"key\":\"a\",\"value\":\"1\",\"effect\":\"NoSchedule\"}]", "")),
        row("kubectl label and annotate style metadata merge", "Node", NODE,
            """
            {"metadata":{"labels":{"role":"worker","kubernetes.io/hostname":null},
              "annotations":{"note":"x"}}}""",
            NODE.replace("{\"kubernetes.io/hostname\":\"n1\"}",
                "{\"role\":\"worker\"},\"annotations\":{\"note\":\"x\"}")),
        row("node status conditions merge by type", "Node", NODE,
            """
            {"status":{"conditions":[{"type":"Ready","status":"False","reason":"KubeletDown"}]}}""",
            NODE.replace("{\"type\":\"Ready\",\"status\":\"True\"}",
                "{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"KubeletDown\"}")),
        row("kubectl set image", "Deployment", DEPLOYMENT,
            """
            {"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}}}""",
            DEPLOYMENT.replace("\"busybox\"", "\"busybox:1.36\"")),
        row("kubectl rollout restart", "Deployment", DEPLOYMENT,
            """
            {"spec":{"template":{"metadata":{"annotations":
              {"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}""",
            DEPLOYMENT.replace("{\"labels\":{\"app\":\"d\"}}", "{\"labels\":{\"app\":\"d\"},"
                + "\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"2025-01-01T00:00:00Z\"}}")),
        row("kubectl apply: a container removed, one changed, one added", "Deployment",
            DEPLOYMENT,
            """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
             "spec":{"template":{"spec":{
               "$setElementOrder/containers":[{"name":"a"},{"name":"c"},{"name":"d"}],
               "containers":[{"image":"busybox:1","name":"c"},{"image":"alpine","name":"d"},
                 {"$patch":"delete","name":"b"}]}}}}""",
            DEPLOYMENT.replace("\"annotations\":{\"x\":\"y\"}", "\"annotations\":{\"x\":\"y\","
                    + "\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\"}")
                .replace("{\"name\":\"b\",\"image\":\"redis\"},\n", "")
                .replace("{\"name\":\"c\",\"image\":\"busybox\"}",
                    "{\"name\":\"c\",\"image\":\"busybox:1\"},{\"name\":\"d\",\"image\":\"alpine\"}")),
        row("kubectl apply: env reordered and one variable removed", "Deployment", DEPLOYMENT,
            """
            {"spec":{"template":{"spec":{
               "$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],
               "containers":[{"name":"a","$setElementOrder/env":[{"name":"C"},{"name":"A"}],
                 "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}]}]}}}}""",
            DEPLOYMENT.replace("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}]",
                "[{\"name\":\"C\",\"value\":\"3\"},{\"name\":\"A\",\"value\":\"1\"}]")),
        row("kubectl apply: a finalizer added, one removed", "Deployment",
            DEPLOYMENT.replace("\"name\":\"d\",", "\"name\":\"d\",\"finalizers\":[\"f1\",\"f2\"],"),
            """
            {"metadata":{"$setElementOrder/finalizers":["f1","f3"],"finalizers":["f3"],
              "$deleteFromPrimitiveList/finalizers":["f2"]}}""",
            DEPLOYMENT.replace("\"name\":\"d\",", "\"name\":\"d\",\"finalizers\":[\"f1\",\"f3\"],")),
        row("docs: patch-file-containers adds a container, listed first", "Deployment",
            DOCS_PATCH_DEMO,
            """
            {"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}""",
            DOCS_PATCH_DEMO.replace("\"containers\":[",
                "\"containers\":[{\"name\":\"patch-demo-ctr-2\",\"image\":\"redis\"},")),
        row("docs: patch-file-tolerations replaces the tolerations", "Deployment",
            DOCS_PATCH_DEMO,
            """
            {"spec":{"template":{"spec":{"tolerations":[
              {"effect":"NoSchedule","key":"disktype","value":"ssd"}]}}}}""",
            DOCS_PATCH_DEMO.replace("\"key\":\"dedicated\",\"value\":\"test-team\"",
                "\"key\":\"disktype\",\"value\":\"ssd\"")),
        row("docs: patch-file-retainkeys switches the strategy to Recreate", "Deployment",
            DOCS_RETAINKEYS_DEMO,
            """
            {"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""",
            DOCS_RETAINKEYS_DEMO.replace("{\"rollingUpdate\":{\"maxSurge\":\"30%\"}}",
                "{\"type\":\"Recreate\"}")),
        row("docs: without $retainKeys the rollingUpdate stays", "Deployment",
            DOCS_RETAINKEYS_DEMO,
            """
            {"spec":{"strategy":{"type":"Recreate"}}}""",
            DOCS_RETAINKEYS_DEMO.replace("{\"rollingUpdate\":{\"maxSurge\":\"30%\"}}",
                "{\"type\":\"Recreate\",\"rollingUpdate\":{\"maxSurge\":\"30%\"}}")),
        row("service ports merge by port", "Service",
            """
            {"kind":"Service","spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}""",
            """
            {"spec":{"ports":[{"port":443,"name":"https"}]}}""",
            """
            {"kind":"Service","spec":{"ports":[{"port":80,"targetPort":8080},
              {"port":443,"name":"https"}]}}"""),
        row("ownerReferences merge by uid", "ReplicaSet",
            """
            {"kind":"ReplicaSet","metadata":{"ownerReferences":[{"uid":"u1","name":"d"}]}}""",
            """
            {"metadata":{"ownerReferences":[{"uid":"u1","controller":true},{"uid":"u2","name":"e"}]}}""",
            """
            {"kind":"ReplicaSet","metadata":{"ownerReferences":[{"uid":"u1","name":"d",
              "controller":true},{"uid":"u2","name":"e"}]}}"""),
        row("RBAC rules are replaced whole", "Role",
            """
            {"kind":"Role","rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""",
            """
            {"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}]}""",
            """
            {"kind":"Role","rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}]}"""),
        row("ConfigMap data merges as a map", "ConfigMap",
            """
            {"kind":"ConfigMap","data":{"a":"1","b":"2"}}""",
            """
            {"data":{"b":null,"c":"3"}}""",
            """
            {"kind":"ConfigMap","data":{"a":"1","c":"3"}}"""),
        row("PodDisruptionBudget selector is replaced, not merged", "PodDisruptionBudget",
            """
            {"kind":"PodDisruptionBudget","spec":{"selector":{"matchLabels":{"a":"1"}}}}""",
            """
            {"spec":{"selector":{"matchLabels":{"b":"2"}}}}""",
            """
            {"kind":"PodDisruptionBudget","spec":{"selector":{"matchLabels":{"b":"2"}}}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applies(PatchCase c) {
    assertThat(c.apply()).isEqualTo(json(c.expected()));
  }
}
