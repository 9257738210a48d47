package io.kubling.agent.pod;

import java.util.Optional;

/** Finds the containers this node runs; the pod workers answer it. */
@FunctionalInterface
public interface ContainerFinder {
  Optional<ContainerHandle> container(String namespace, String pod, String container);
}
