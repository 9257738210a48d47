package io.kubling.agent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.kubling.agent.runtime.ContainerLaunch;
import io.kubling.agent.runtime.ContainerProcess;
import io.kubling.agent.runtime.PodRef;
import io.kubling.agent.runtime.Sandbox;

/** Runs a container's startup, readiness and liveness probes while its process lives. */
public interface Prober {
  Prober NONE = new Prober() {
    @Override
    public void watch(PodRef pod, Sandbox sandbox, ContainerLaunch launch, Container spec,
        ContainerProcess process, ContainerRecord record, Runnable changed) {}

    @Override
    public void forget(String uid, String container) {}
  };

  void watch(PodRef pod, Sandbox sandbox, ContainerLaunch launch, Container spec,
      ContainerProcess process, ContainerRecord record, Runnable changed);

  void forget(String uid, String container);
}
