package io.kubling.e2e.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubling.controllers.Pods;
import java.util.List;
import java.util.function.UnaryOperator;

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

  /**
   * A read-modify-write of an object its controller also writes (its status): a 409 Conflict
   * means the controller wrote in between, so the edit is made again on the new version, as
   * a user re-runs {@code kubectl edit}. At most 10 tries.
   */
  static <T extends HasMetadata> void edit(Resource<T> resource, UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        resource.edit(change);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** Active pods labelled app=app that are Running. */
  static List<Pod> running(KubernetesClient client, String namespace, String app) {
    return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems()
        .stream().filter(Pods::isActive).filter(p -> "Running".equals(Pods.phase(p))).toList();
  }
}
