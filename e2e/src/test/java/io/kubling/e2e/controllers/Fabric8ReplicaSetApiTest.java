package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.controllers.replicaset.Fabric8ReplicaSetApi;
import io.kubling.controllers.replicaset.ReplicaSets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ReplicaSet controller's writes against a real API server, with no controller manager
 * running, so nothing else acts on the pods written here.
 */
class Fabric8ReplicaSetApiTest {
  static ControlPlane cluster;

  @BeforeAll
  static void start() {
    cluster = new ControlPlane();
    // Pods need the namespace's default ServiceAccount, which the (absent) manager would make.
    cluster.client.serviceAccounts().inNamespace("default").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("default").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aCreateThatFindsItsOwnPodCountsAsDoneAndOneThatFindsAnotherSetsFails() {
    var sets = cluster.client.apps().replicaSets().inNamespace("default");
    ReplicaSet rs = sets.resource(Workloads.replicaSet("again", 0)).create();
    ReplicaSet other = sets.resource(Workloads.replicaSet("other", 0)).create();
    // createPod reads no cache; the informers are never started.
    Fabric8ReplicaSetApi api = new Fabric8ReplicaSetApi(cluster.client,
        sets.runnableInformer(0), cluster.client.pods().inNamespace("default").runnableInformer(0));
    Pod pod = ReplicaSets.newPod(rs, "again-bcdfg");

    api.createPod(pod);
    // As fabric8's retry of a create whose answer was lost: the pod is there, and is its own.
    api.createPod(pod);

    assertThatThrownBy(() -> api.createPod(ReplicaSets.newPod(other, "again-bcdfg")))
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(409));
    Pod stored = cluster.client.pods().inNamespace("default").withName("again-bcdfg").get();
    assertThat(stored.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo(rs.getMetadata().getUid()));
  }
}
