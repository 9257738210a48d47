package io.kubling.agent.runtime;

import static java.util.Objects.requireNonNull;

/** A pod as the runtime knows it: its key and the uid that tells incarnations apart. */
public record PodRef(String namespace, String name, String uid) {
  public PodRef {
    requireNonNull(namespace, "namespace should not be null");
    requireNonNull(name, "name should not be null");
    requireNonNull(uid, "uid should not be null");
  }

  public static PodRef of(io.fabric8.kubernetes.api.model.Pod pod) {
    return new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        pod.getMetadata().getUid());
  }

  public String key() {
    return namespace + "/" + name;
  }
}
