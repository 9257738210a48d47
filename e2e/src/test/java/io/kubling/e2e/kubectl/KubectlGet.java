package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubectl get in all its forms the issue lists, on a cluster of two nodes (a
 * {@link FakeKubelet} runs their pods), a ReplicaSet with its pods, a Deployment, a
 * DaemonSet, a Service with Endpoints, a ConfigMap and a Secret.
 */
abstract class KubectlGet extends KubectlSuite {
  static final String AGE = "\\d+[smhd].*";
  private FakeKubelet kubelet;

  KubectlGet(Client client) {
    super(client);
  }

  @BeforeAll
  void cluster() {
    Fixtures.node(k.api, "node01", "10.0.0.11", "control-plane");
    Fixtures.node(k.api, "node02", "10.0.0.12", "worker");
    kubelet = FakeKubelet.start(k, "node01", "node02");
    k.api.post("/api/v1/namespaces", """
        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"watch"}}""").ok();
    JsonNode rs = k.api.post("/apis/apps/v1/namespaces/default/replicasets", """
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"new-replica-set","labels":{"env":"prod"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"name":"busybox-pod"}},
          "template":{"metadata":{"labels":{"name":"busybox-pod","env":"prod"}},
           "spec":{"containers":[{"name":"busybox-container","image":"busybox777",
             "command":["sh","-c","echo Hello Kubernetes! && sleep 3600"]}]}}}}""")
        .ok().body();
    String labels = "{\"name\":\"busybox-pod\",\"env\":\"prod\"}";
    Fixtures.pod(k.api, "default", "new-replica-set-7x2k9", "node01", "busybox777", labels,
        Fixtures.owner(rs));
    Fixtures.pod(k.api, "default", "new-replica-set-p4q8z", "node02", "busybox777", labels,
        Fixtures.owner(rs));
    // What the ReplicaSet controller would report about those two pods.
    k.api.patch("/apis/apps/v1/namespaces/default/replicasets/new-replica-set/status",
        "application/merge-patch+json", """
        {"status":{"replicas":2,"fullyLabeledReplicas":2,"readyReplicas":2,
          "availableReplicas":2,"observedGeneration":1}}""").ok();
    Fixtures.pod(k.api, "kube-system", "coredns-6f6b679f8f-hx2qd", "node01",
        "registry.k8s.io/coredns/coredns:v1.11.3", "{\"k8s-app\":\"kube-dns\"}", null);
    Fixtures.pod(k.api, "default", "redis", null, "redis:alpine",
        "{\"run\":\"redis\",\"tier\":\"db\"}", null);
    k.okWithInput(Manifests.FRONTEND, "apply", "-f", "-");
    k.api.post("/api/v1/namespaces/default/endpoints", """
        {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"frontend"},
         "subsets":[{"addresses":[{"ip":"10.244.1.30"}],"ports":[{"port":80}]}]}""").ok();
    await().atMost(Duration.ofSeconds(30)).until(() -> Table.parse(k.ok("get", "pods", "-A"))
        .rows().stream().filter(r -> !r.get("NAME").equals("redis"))
        .allMatch(r -> r.get("STATUS").equals("Running")));
  }

  @AfterAll
  void stopKubelet() {
    if (kubelet != null) {
      kubelet.close();
    }
  }

  @Test
  void getNodes() {
    Table t = Table.parse(k.ok("get", "nodes"));
    assertThat(t.columns()).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
    assertThat(t.column("NAME")).containsExactly("node01", "node02");
    assertThat(t.row("node01")).containsEntry("STATUS", "Ready")
        .containsEntry("ROLES", "control-plane").containsEntry("VERSION", "v1.32.0");
    assertThat(t.row("node02").get("ROLES")).isEqualTo("worker");
    assertThat(t.row("node02").get("AGE")).matches(AGE);

    Table wide = Table.parse(k.ok("get", "nodes", "-o", "wide"));
    assertThat(wide.columns()).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION",
        "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME");
    assertThat(wide.row("node02")).containsEntry("INTERNAL-IP", "10.0.0.12")
        .containsEntry("EXTERNAL-IP", "<none>")
        .containsEntry("OS-IMAGE", "Debian GNU/Linux 12 (bookworm)")
        .containsEntry("KERNEL-VERSION", "6.1.0-28-amd64")
        .containsEntry("CONTAINER-RUNTIME", "containerd://1.7.24");
  }

  @Test
  void getPodsAllNamespaces() {
    Table t = Table.parse(k.ok("get", "pods", "-A"));
    assertThat(t.columns())
        .containsExactly("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE");
    assertThat(t.rows()).extracting(r -> r.get("NAMESPACE") + "/" + r.get("NAME"))
        .containsExactly("default/new-replica-set-7x2k9", "default/new-replica-set-p4q8z",
            "default/redis", "kube-system/coredns-6f6b679f8f-hx2qd");
    assertThat(t.row("coredns-6f6b679f8f-hx2qd")).containsEntry("READY", "1/1")
        .containsEntry("STATUS", "Running").containsEntry("RESTARTS", "0");
    assertThat(t.row("redis")).containsEntry("READY", "0/1").containsEntry("STATUS", "Pending");
  }

  @Test
  void getPodsWide() {
    Table t = Table.parse(k.ok("get", "pods", "-o", "wide"));
    assertThat(t.columns()).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP",
        "NODE", "NOMINATED NODE", "READINESS GATES");
    Map<String, String> running = t.row("new-replica-set-p4q8z");
    assertThat(running.get("IP")).matches("10\\.244\\.2\\.\\d+");
    assertThat(running).containsEntry("NODE", "node02").containsEntry("STATUS", "Running")
        .containsEntry("NOMINATED NODE", "<none>").containsEntry("READINESS GATES", "<none>");
    assertThat(t.row("redis")).containsEntry("IP", "<none>").containsEntry("NODE", "<none>");
  }

  @Test
  void getReplicaSets() {
    Table t = Table.parse(k.ok("get", "rs"));
    assertThat(t.columns()).containsExactly("NAME", "DESIRED", "CURRENT", "READY", "AGE");
    assertThat(t.row("new-replica-set")).containsEntry("DESIRED", "2")
        .containsEntry("CURRENT", "2").containsEntry("READY", "2");

    Table wide = Table.parse(k.ok("get", "rs", "-o", "wide"));
    assertThat(wide.columns()).containsExactly("NAME", "DESIRED", "CURRENT", "READY", "AGE",
        "CONTAINERS", "IMAGES", "SELECTOR");
    assertThat(wide.row("new-replica-set")).containsEntry("CONTAINERS", "busybox-container")
        .containsEntry("IMAGES", "busybox777").containsEntry("SELECTOR", "name=busybox-pod");
  }

  @Test
  void getNamespaces() {
    Table t = Table.parse(k.ok("get", "ns"));
    assertThat(t.columns()).containsExactly("NAME", "STATUS", "AGE");
    assertThat(t.column("NAME"))
        .containsExactly("default", "kube-node-lease", "kube-public", "kube-system", "watch");
    assertThat(t.column("STATUS")).containsOnly("Active");
  }

  @Test
  void getPodShowLabels() {
    Table t = Table.parse(k.ok("get", "pod", "--show-labels"));
    assertThat(t.columns())
        .containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE", "LABELS");
    assertThat(t.row("redis").get("LABELS")).isEqualTo("run=redis,tier=db");
    assertThat(t.row("new-replica-set-7x2k9").get("LABELS")).isEqualTo("env=prod,name=busybox-pod");
  }

  @Test
  void getAllByLabel() {
    List<Table> tables = Table.parseAll(k.ok("get", "all", "-l", "env=prod"));
    List<String> names = new ArrayList<>();
    tables.forEach(t -> names.addAll(t.column("NAME")));
    assertThat(names).containsExactlyInAnyOrder("pod/new-replica-set-7x2k9",
        "pod/new-replica-set-p4q8z", "service/frontend", "deployment.apps/frontend",
        "replicaset.apps/new-replica-set");
    assertThat(tables).extracting(Table::columns).containsExactlyInAnyOrder(
        List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"),
        List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"),
        List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"),
        List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE"));
  }

  @Test
  void getSeveralKinds() {
    List<Table> t = Table.parseAll(k.ok("get", "svc,ep,deploy,ds,cm,secrets"));
    assertThat(t).extracting(Table::columns).containsExactly(
        List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"),
        List.of("NAME", "ENDPOINTS", "AGE"),
        List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"),
        List.of("NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE",
            "NODE SELECTOR", "AGE"),
        List.of("NAME", "DATA", "AGE"),
        List.of("NAME", "TYPE", "DATA", "AGE"));
    assertThat(t.get(0).row("service/kubernetes")).containsEntry("TYPE", "ClusterIP")
        .containsEntry("CLUSTER-IP", "10.96.0.1").containsEntry("PORT(S)", "443/TCP");
    assertThat(t.get(0).row("service/frontend")).containsEntry("EXTERNAL-IP", "<none>")
        .containsEntry("PORT(S)", "80/TCP");
    assertThat(t.get(1).row("endpoints/frontend").get("ENDPOINTS")).isEqualTo("10.244.1.30:80");
    assertThat(t.get(2).row("deployment.apps/frontend")).containsEntry("READY", "0/3")
        .containsEntry("UP-TO-DATE", "0").containsEntry("AVAILABLE", "0");
    assertThat(t.get(3).row("daemonset.apps/node-exporter"))
        .containsEntry("NODE SELECTOR", "kubernetes.io/os=linux");
    assertThat(t.get(4).row("configmap/app-config").get("DATA")).isEqualTo("2");
    assertThat(t.get(5).row("secret/db-secret")).containsEntry("TYPE", "Opaque")
        .containsEntry("DATA", "3");
  }

  @Test
  void jsonpathRangeSorted() {
    String out = k.shell("""
        kubectl get pods -A -o=jsonpath='{range .items[*]}{"\\n"}{.metadata.name}{":\\t"}{range .spec.containers[*]}{.image}{", "}{end}{end}' | sort
        """).assertOk().out();
    assertThat(out).isEqualTo("""

        coredns-6f6b679f8f-hx2qd:\tregistry.k8s.io/coredns/coredns:v1.11.3,\s
        new-replica-set-7x2k9:\tbusybox777,\s
        new-replica-set-p4q8z:\tbusybox777,\s
        redis:\tredis:alpine,\s
        """);
  }

  @Test
  void getReplicaSetAsYamlAndJson() throws Exception {
    JsonNode stored = k.api.object("/apis/apps/v1/namespaces/default/replicasets/new-replica-set");
    JsonNode yaml = new ObjectMapper(new YAMLFactory())
        .readTree(k.ok("get", "rs", "new-replica-set", "-o", "yaml"));
    JsonNode json = Api.JSON.readTree(k.ok("get", "rs", "new-replica-set", "-o", "json"));
    assertThat(yaml).isEqualTo(stored);
    assertThat(json).isEqualTo(stored);
    assertThat(json.path("kind").asText()).isEqualTo("ReplicaSet");
    assertThat(json.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(json.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("busybox777");
    assertThat(json.at("/status/readyReplicas").asInt()).isEqualTo(2);
  }

  /** get -w prints the table, then one row per change, until it is stopped. */
  @Test
  void getPodsWatch() throws Exception {
    Path out = k.dir().resolve("watch.out");
    Process watch = k.kubectl.start(out, "get", "pods", "-w", "-n", "watch");
    try {
      // Whether kubectl lists w1 or sees it added, it prints the same first row.
      Fixtures.pod(k.api, "watch", "w1", null, "nginx:alpine", "{\"app\":\"w\"}", null);
      await().atMost(Duration.ofSeconds(30)).until(() -> statuses(out).contains("Pending"));
      k.api.post("/api/v1/namespaces/watch/pods/w1/binding", """
          {"apiVersion":"v1","kind":"Binding","metadata":{"name":"w1"},
           "target":{"apiVersion":"v1","kind":"Node","name":"node01"}}""").ok();
      await().atMost(Duration.ofSeconds(30)).until(() -> statuses(out).contains("Running"));
      assertThat(k.ok("delete", "pod", "w1", "-n", "watch")).isEqualTo("pod \"w1\" deleted\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> statuses(out).contains("Terminating"));
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0).split("\\s{2,}"))
        .containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
    List<String[]> rows = lines.subList(1, lines.size()).stream()
        .map(l -> l.split("\\s{2,}")).toList();
    assertThat(rows).allSatisfy(r -> assertThat(r[0]).isEqualTo("w1"));
    assertThat(rows).extracting(r -> r[2]).containsSubsequence("Pending", "Running", "Terminating");
    assertThat(rows).filteredOn(r -> r[2].equals("Running")).first()
        .satisfies(r -> assertThat(r[1]).isEqualTo("1/1"));
  }

  private static List<String> statuses(Path out) throws IOException {
    return Files.readAllLines(out).stream().filter(l -> l.startsWith("w1 "))
        .map(l -> l.split("\\s{2,}")[2]).toList();
  }

  @Test
  void getMissingPod() {
    assertFails(k.run("get", "pod", "x"), "Error from server (NotFound): pods \"x\" not found");
  }
}
