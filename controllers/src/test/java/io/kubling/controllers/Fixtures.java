package io.kubling.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Map;

/** Small object builders for the controllers' unit tests. */
public final class Fixtures {
  private Fixtures() {}

  public static ReplicaSet replicaSet(String name, int replicas, String uid) {
    return new ReplicaSetBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
        .withNewMetadata().withName(name).withNamespace("ns").withUid(uid).withGeneration(1L)
        .endMetadata().withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("img").endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  /**
   * A pod in namespace ns. state: "unscheduled", "pending", "notready", "ready"; created is
   * seconds past the epoch.
   */
  public static Pod pod(String name, Map<String, String> labels, String state, int created) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
        .withLabels(labels).withUid("uid-" + name)
        .withCreationTimestamp(java.time.Instant.ofEpochSecond(created).toString()).endMetadata()
        .withNewSpec().endSpec();
    if (!state.equals("unscheduled")) {
      b.editSpec().withNodeName("n1").endSpec();
    }
    switch (state) {
      case "unscheduled", "pending" -> b.withNewStatus().withPhase("Pending").endStatus();
      case "notready" -> b.withNewStatus().withPhase("Running").withConditions(
          new PodConditionBuilder().withType("Ready").withStatus("False").build()).endStatus();
      default -> b.withNewStatus().withPhase("Running").withPodIP("10.0.0." + created)
          .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True")
              .withLastTransitionTime("1970-01-01T00:00:00Z").build()).endStatus();
    }
    return b.build();
  }

  public static Pod owned(Pod pod, ReplicaSet owner) {
    return new PodBuilder(pod).editMetadata().withOwnerReferences(Owners.controllerRef(owner))
        .endMetadata().build();
  }
}
