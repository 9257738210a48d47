package io.kubling.agent.pod;

import io.kubling.agent.runtime.ContainerLaunch;
import io.kubling.agent.runtime.Sandbox;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * What the kubelet API needs of one container the agent runs: where its sandbox is, how it
 * was launched (environment, working dir) and where the logs of its current and previous
 * instance are.
 *
 * @param sandbox null while the pod has no sandbox yet
 * @param previousLog null when the container has not restarted
 * @param exit completes when the current instance exits; null when none runs
 * @param waitingReason why it is not running, when it is not (ContainerCreating, ...)
 */
public record ContainerHandle(Sandbox sandbox, ContainerLaunch launch, Path currentLog,
    Path previousLog, CompletableFuture<Integer> exit, String waitingReason) {

  public boolean running() {
    return exit != null && !exit.isDone();
  }
}
