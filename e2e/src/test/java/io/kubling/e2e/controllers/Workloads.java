package io.kubling.e2e.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.controllers.Pods;
import java.util.List;

/** Workload objects and pod queries the integration tests share. */
final class Workloads {
  private Workloads() {}

  static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec()
        .build();
  }

  static ReplicaSet replicaSet(String name, int replicas) {
    return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("default")
        .endMetadata().withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withTemplate(template(name, "nginx")).endSpec().build();
  }

  /** Active pods labelled app=app that are Running. */
  static List<Pod> running(KubernetesClient client, String namespace, String app) {
    return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems()
        .stream().filter(Pods::isActive).filter(p -> "Running".equals(Pods.phase(p))).toList();
  }
}
