package io.kubling.agent.pod;

import io.kubling.agent.runtime.ContainerLaunch;
import io.kubling.agent.runtime.ContainerProcess;
import io.kubling.agent.status.ContainerSnapshot;
import io.kubling.agent.status.ContainerSnapshot.Termination;
import java.time.Instant;

/** The agent's mutable record of one container of one pod; guarded by its {@link PodRecord}. */
public final class ContainerRecord {
  final String name;
  String image;
  ContainerProcess process;
  ContainerLaunch launch;
  int restartCount;
  Termination last;
  /** Set when the container has exited and is not restarted. */
  Termination terminated;
  String waitingReason = "ContainerCreating";
  String waitingMessage;
  Instant nextStart = Instant.EPOCH;
  volatile boolean ready;
  volatile boolean started;
  /** Why the agent stopped it, when it did (liveness), for the termination's reason. */
  volatile String stopReason;

  ContainerRecord(String name) {
    this.name = name;
  }

  boolean running() {
    return process != null && !process.exit().isDone();
  }

  String containerId(String uid) {
    return "kubling://" + uid + "/" + name + "/" + restartCount;
  }

  ContainerSnapshot snapshot(String uid) {
    if (running()) {
      return new ContainerSnapshot(name, image, containerId(uid), true, process.startedAt(),
          null, null, null, last, restartCount, ready, started);
    }
    if (terminated != null) {
      return new ContainerSnapshot(name, image, containerId(uid), false, null, null, null,
          terminated, last, restartCount, false, false);
    }
    return ContainerSnapshot.waiting(name, image, waitingReason, waitingMessage, last,
        restartCount);
  }
}
