package io.kubling.agent.pod;

import java.util.Optional;

/** Finds the containers this node runs; the pod workers answer it. */
public interface ContainerFinder {
  boolean runs(String namespace, String pod);

  Optional<ContainerHandle> container(String namespace, String pod, String container);
}
