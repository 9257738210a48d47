package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kubectl patch (json, strategic, merge), scale, edit, replace, label and annotate. */
abstract class KubectlUpdate extends KubectlSuite {
  private static final String RS = "/apis/apps/v1/namespaces/default/replicasets/new-replica-set";

  KubectlUpdate(Client client) {
    super(client);
  }

  @BeforeAll
  void objects() {
    k.okWithInput(Manifests.REPLICA_SET, "create", "-f", "-");
    k.ok("run", "redis", "--image=redis:alpine");
  }

  @Test
  void patchJson() {
    assertThat(k.ok("patch", "rs", "new-replica-set", "--type=json", "-p=[{\"op\":\"replace\","
        + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"busybox\"}]"))
        .isEqualTo("replicaset.apps/new-replica-set patched\n");
    JsonNode rs = k.api.object(RS);
    assertThat(rs.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("busybox");
    assertThat(rs.at("/spec/template/spec/containers/0/command/2").asText())
        .isEqualTo("echo Hello Kubernetes! && sleep 3600");
  }

  /** Strategic merge patches merge containers by name; merge patches replace the list. */
  @Test
  void patchStrategicAndMerge() {
    k.ok("create", "deployment", "multi", "--image=nginx", "--image=redis");
    String path = "/apis/apps/v1/namespaces/default/deployments/multi";
    String redis7 = "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
        + "[{\"name\":\"redis\",\"image\":\"redis:7\"}]}}}}";
    assertThat(k.ok("patch", "deployment", "multi", "-p", redis7))
        .isEqualTo("deployment.apps/multi patched\n");
    assertThat(k.api.object(path).at("/spec/template/spec/containers").findValuesAsText("image"))
        .containsExactly("nginx", "redis:7");
    String rv = k.api.object(path).at("/metadata/resourceVersion").asText();
    assertThat(k.ok("patch", "deployment", "multi", "-p", redis7))
        .isEqualTo("deployment.apps/multi patched (no change)\n");
    assertThat(k.api.object(path).at("/metadata/resourceVersion").asText()).isEqualTo(rv);

    assertThat(k.ok("patch", "deployment", "multi", "--type=merge", "-p",
        "{\"metadata\":{\"labels\":{\"tier\":\"web\"}},\"spec\":{\"template\":{\"spec\":"
            + "{\"containers\":[{\"name\":\"only\",\"image\":\"busybox\"}]}}}}"))
        .isEqualTo("deployment.apps/multi patched\n");
    JsonNode d = k.api.object(path);
    assertThat(d.at("/metadata/labels/tier").asText()).isEqualTo("web");
    assertThat(d.at("/spec/template/spec/containers").findValuesAsText("name"))
        .containsExactly("only");
  }

  @Test
  void scaleReplicaSet() {
    assertThat(k.ok("scale", "--replicas=2", "rs/new-replica-set"))
        .isEqualTo("replicaset.apps/new-replica-set scaled\n");
    assertThat(k.api.object(RS).at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(Table.parse(k.ok("get", "rs", "new-replica-set")).row("new-replica-set")
        .get("DESIRED")).isEqualTo("2");
  }

  @Test
  void editDeployment() {
    k.ok("create", "deployment", "frontend", "--image=nginx:1.25");
    String editor = k.file("editor.sh", """
        #!/bin/sh
        sed -i 's/image: nginx:1.25/image: nginx:1.27/' "$1"
        """).toString();
    k.shell("chmod +x editor.sh").assertOk();
    assertThat(k.run(null, Map.of("EDITOR", editor), "edit", "deployment", "frontend")
        .assertOk().out()).isEqualTo("deployment.apps/frontend edited\n");
    JsonNode d = k.api.object("/apis/apps/v1/namespaces/default/deployments/frontend");
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    assertThat(d.at("/metadata/generation").asInt()).isEqualTo(2);
  }

  @Test
  void labelAndRemoveLabel() {
    assertThat(k.ok("label", "pod", "redis", "tier=db")).isEqualTo("pod/redis labeled\n");
    assertThat(Table.parse(k.ok("get", "pod", "redis", "--show-labels")).row("redis")
        .get("LABELS")).isEqualTo("run=redis,tier=db");
    assertThat(k.ok("label", "pod", "redis", "tier-")).isEqualTo("pod/redis unlabeled\n");
    assertThat(k.api.object("/api/v1/namespaces/default/pods/redis").at("/metadata/labels"))
        .isEqualTo(Api.json("{\"run\":\"redis\"}"));
  }

  @Test
  void annotateAndRemoveAnnotation() {
    // kubectl 1.27 printed the verb as given.
    String annotated = client.minor >= 28 ? "pod/redis annotated\n" : "pod/redis annotate\n";
    assertThat(k.ok("annotate", "pod", "redis", "owner=team-a")).isEqualTo(annotated);
    assertThat(k.api.object("/api/v1/namespaces/default/pods/redis")
        .at("/metadata/annotations/owner").asText()).isEqualTo("team-a");
    assertThat(k.ok("annotate", "pod", "redis", "owner-")).isEqualTo(annotated);
    assertThat(k.api.object("/api/v1/namespaces/default/pods/redis")
        .at("/metadata/annotations").has("owner")).isFalse();
  }

  /** replace --force deletes and creates again: a new uid, the file's spec. */
  @Test
  void replaceForce() {
    String sample = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: sample
        spec:
          containers:
          - name: app
            image: busybox
            command: ["sleep", "%s"]
        """;
    k.file("sample.yaml", sample.formatted("3600"));
    k.ok("create", "-f", "sample.yaml");
    String uid = k.api.object("/api/v1/namespaces/default/pods/sample").at("/metadata/uid")
        .asText();
    k.file("sample.yaml", sample.formatted("7200"));
    assertThat(k.ok("replace", "--force", "-f", "sample.yaml"))
        .isEqualTo("pod \"sample\" deleted\npod/sample replaced\n");
    JsonNode pod = k.api.object("/api/v1/namespaces/default/pods/sample");
    assertThat(pod.at("/metadata/uid").asText()).isNotEqualTo(uid);
    assertThat(pod.at("/spec/containers/0/command/1").asText()).isEqualTo("7200");
  }

  /** replace sends the resourceVersion it read; someone wrote since, so it conflicts. */
  @Test
  void replaceStaleObjectConflicts() {
    k.ok("create", "configmap", "stale", "--from-literal=k=v1");
    k.shell("kubectl get configmap stale -o yaml > stale.yaml").assertOk();
    k.ok("label", "configmap", "stale", "touched=yes");
    k.file("stale.yaml", k.read("stale.yaml").replace("k: v1", "k: v2"));
    assertFails(k.run("replace", "-f", "stale.yaml"), "Error from server (Conflict): error when"
        + " replacing \"stale.yaml\": Operation cannot be fulfilled on configmaps \"stale\": the"
        + " object has been modified; please apply your changes to the latest version and try"
        + " again");
    assertThat(k.api.object("/api/v1/namespaces/default/configmaps/stale").at("/data/k")
        .asText()).isEqualTo("v1");
  }
}
