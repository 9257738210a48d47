package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubling.e2e.secure.Identity;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubectl delete pod|rs|deploy|svc|ns, which waits until the object is gone: a
 * {@link FakeKubelet} finishes pods marked for deletion, a {@link FakeNamespaceFinalizer}
 * empties and finalizes Terminating namespaces.
 */
abstract class KubectlDelete extends KubectlSuite {
  private FakeKubelet kubelet;
  private FakeNamespaceFinalizer namespaces;

  KubectlDelete(Client client) {
    super(client);
  }

  @BeforeAll
  void standIns() {
    Fixtures.node(k.api, "node01", "10.0.0.11", "worker");
    kubelet = FakeKubelet.start(k, "node01");
    namespaces = FakeNamespaceFinalizer.start(k.api(Identity.CONTROLLER_MANAGER));
  }

  @AfterAll
  void stopStandIns() {
    if (namespaces != null) {
      namespaces.close();
    }
    if (kubelet != null) {
      kubelet.close();
    }
  }

  /** A running pod goes gracefully: marked, then finished by its kubelet. */
  @Test
  void deleteRunningPod() {
    Fixtures.pod(k.api, "default", "web", "node01", "nginx", "{\"app\":\"web\"}", null);
    await().atMost(Duration.ofSeconds(30)).until(() -> Table.parse(k.ok("get", "pod", "web"))
        .row("web").get("STATUS").equals("Running"));
    assertThat(k.ok("delete", "pod", "web")).isEqualTo("pod \"web\" deleted\n");
    assertThat(k.api.get("/api/v1/namespaces/default/pods/web").code()).isEqualTo(404);
  }

  @Test
  void deleteUnscheduledPod() {
    k.ok("run", "nginx-pod", "--image=nginx:alpine");
    assertThat(k.ok("delete", "pod", "nginx-pod")).isEqualTo("pod \"nginx-pod\" deleted\n");
    assertThat(k.api.get("/api/v1/namespaces/default/pods/nginx-pod").code()).isEqualTo(404);
    assertFails(k.run("delete", "pod", "nginx-pod"),
        "Error from server (NotFound): pods \"nginx-pod\" not found");
  }

  @Test
  void deleteReplicaSet() {
    k.okWithInput(Manifests.REPLICA_SET, "create", "-f", "-");
    assertThat(k.ok("delete", "rs", "new-replica-set"))
        .isEqualTo("replicaset.apps \"new-replica-set\" deleted\n");
    assertThat(k.api.get("/apis/apps/v1/namespaces/default/replicasets/new-replica-set")
        .code()).isEqualTo(404);
  }

  @Test
  void deleteDeployment() {
    k.ok("create", "deployment", "frontend", "--image=nginx:1.25");
    assertThat(k.ok("delete", "deploy", "frontend"))
        .isEqualTo("deployment.apps \"frontend\" deleted\n");
    assertThat(k.api.get("/apis/apps/v1/namespaces/default/deployments/frontend").code())
        .isEqualTo(404);
  }

  @Test
  void deleteService() {
    k.ok("create", "service", "clusterip", "redis-service", "--tcp=6379:6379");
    assertThat(k.ok("delete", "svc", "redis-service"))
        .isEqualTo("service \"redis-service\" deleted\n");
    assertThat(k.api.get("/api/v1/namespaces/default/services/redis-service").code())
        .isEqualTo(404);
  }

  /** Terminating until its content is gone and spec.finalizers is empty; kubectl waits. */
  @Test
  void deleteNamespaceWithContent() {
    k.ok("create", "namespace", "finance");
    k.ok("run", "nginx", "--image=nginx", "-n", "finance");
    Fixtures.pod(k.api, "finance", "ledger", "node01", "postgres:16", "{\"app\":\"ledger\"}",
        null);
    k.ok("create", "configmap", "rates", "--from-literal=EUR=1.08", "-n", "finance");
    k.ok("create", "deployment", "billing", "--image=nginx", "-n", "finance");

    assertThat(k.ok("delete", "ns", "finance")).isEqualTo("namespace \"finance\" deleted\n");
    assertThat(k.api.get("/api/v1/namespaces/finance").code()).isEqualTo(404);
    assertThat(k.api.object("/api/v1/namespaces/finance/pods").path("items")).isEmpty();
    assertThat(k.api.object("/api/v1/namespaces/finance/configmaps").path("items")).isEmpty();
    assertThat(k.api.object("/apis/apps/v1/namespaces/finance/deployments").path("items"))
        .isEmpty();
  }
}
