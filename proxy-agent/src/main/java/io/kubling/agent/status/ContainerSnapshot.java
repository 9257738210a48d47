package io.kubling.agent.status;

import java.time.Instant;

/**
 * What the agent knows about one container at one moment, the input of
 * {@link PodStatusCalculator}. Exactly one of running, waiting or terminated holds.
 *
 * @param startedAt when the current process started (running), or the last one (terminated)
 * @param waitingReason set when waiting: ContainerCreating, CrashLoopBackOff, ImageNotSupported...
 * @param terminated the current termination when the container is not restarted
 * @param last the previous termination (lastState)
 */
public record ContainerSnapshot(String name, String image, String containerId,
    boolean running, Instant startedAt, String waitingReason, String waitingMessage,
    Termination terminated, Termination last, int restartCount, boolean ready,
    boolean started) {

  /** One exit of a container. */
  public record Termination(int exitCode, String reason, String message, Instant startedAt,
      Instant finishedAt, String containerId) {

    /** Kubernetes' reason for an exit code: Completed for 0, Error otherwise. */
    public static String reasonFor(int exitCode) {
      return exitCode == 0 ? "Completed" : "Error";
    }
  }

  public static ContainerSnapshot waiting(String name, String image, String reason,
      String message, Termination last, int restartCount) {
    return new ContainerSnapshot(name, image, null, false, null, reason, message, null, last,
        restartCount, false, false);
  }
}
