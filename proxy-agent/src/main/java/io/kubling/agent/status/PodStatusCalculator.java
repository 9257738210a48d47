package io.kubling.agent.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.kubling.agent.status.ContainerSnapshot.Termination;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The pod status a kubelet would write, as a pure function of what the agent observed. */
public final class PodStatusCalculator {

  private PodStatusCalculator() {}

  /** Everything the status is computed from. */
  public record Input(String restartPolicy, String podIp, String hostIp, Instant startTime,
      boolean sandboxReady, List<ContainerSnapshot> containers, List<PodCondition> previous,
      String qosClass, Instant now) {}

  public static PodStatus compute(Input in) {
    String phase = phase(in.restartPolicy(), in.containers());
    boolean allReady = !in.containers().isEmpty()
        && in.containers().stream().allMatch(ContainerSnapshot::ready);
    boolean podReady = allReady && "Running".equals(phase);
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodReadyToStartContainers", in.sandboxReady(), null, in));
    conditions.add(condition("Initialized", true, null, in));
    conditions.add(condition("Ready", podReady, podReady ? null : "ContainersNotReady", in));
    conditions.add(condition("ContainersReady", allReady, allReady ? null : "ContainersNotReady",
        in));
    conditions.add(condition("PodScheduled", true, null, in));
    List<ContainerStatus> statuses = new ArrayList<>();
    for (ContainerSnapshot c : in.containers()) {
      statuses.add(containerStatus(c));
    }
    PodStatusBuilder b = new PodStatusBuilder().withPhase(phase).withConditions(conditions)
        .withHostIP(in.hostIp()).withHostIPs(List.of(new io.fabric8.kubernetes.api.model.HostIP(in.hostIp())))
        .withStartTime(time(in.startTime())).withContainerStatuses(statuses)
        .withQosClass(in.qosClass());
    if (in.podIp() != null) {
      b.withPodIP(in.podIp()).withPodIPs(List.of(new PodIP(in.podIp())));
    }
    return b.build();
  }

  /** The kubelet's getPhase: waiting keeps a pod Pending; exits decide by restart policy. */
  public static String phase(String restartPolicy, List<ContainerSnapshot> containers) {
    int running = 0;
    int waiting = 0;
    int stopped = 0;
    int succeeded = 0;
    for (ContainerSnapshot c : containers) {
      if (c.running()) {
        running++;
      } else if (c.terminated() != null) {
        stopped++;
        if (c.terminated().exitCode() == 0) {
          succeeded++;
        }
      } else if (c.last() != null) {
        stopped++; // waiting to restart after an exit
      } else {
        waiting++;
      }
    }
    if (waiting > 0) {
      return "Pending";
    }
    if (running > 0) {
      return "Running";
    }
    if (stopped == 0) {
      return "Pending";
    }
    return switch (restartPolicy == null ? "Always" : restartPolicy) {
      case "Never" -> stopped == succeeded ? "Succeeded" : "Failed";
      case "OnFailure" -> stopped == succeeded ? "Succeeded" : "Running";
      default -> "Running";
    };
  }

  static ContainerStatus containerStatus(ContainerSnapshot c) {
    ContainerState state;
    if (c.running()) {
      state = new ContainerStateBuilder().withNewRunning().withStartedAt(time(c.startedAt()))
          .endRunning().build();
    } else if (c.terminated() != null) {
      state = terminated(c.terminated());
    } else {
      state = new ContainerStateBuilder().withNewWaiting().withReason(c.waitingReason())
          .withMessage(c.waitingMessage()).endWaiting().build();
    }
    return new ContainerStatusBuilder().withName(c.name()).withImage(c.image())
        .withImageID(c.image() == null ? "" : "kubling://" + c.image())
        .withContainerID(c.containerId()).withState(state)
        .withLastState(c.last() == null ? new ContainerState() : terminated(c.last()))
        .withReady(c.ready()).withStarted(c.running() && c.started())
        .withRestartCount(c.restartCount()).build();
  }

  private static ContainerState terminated(Termination t) {
    return new ContainerStateBuilder().withNewTerminated().withExitCode(t.exitCode())
        .withReason(t.reason()).withMessage(t.message()).withStartedAt(time(t.startedAt()))
        .withFinishedAt(time(t.finishedAt())).withContainerID(t.containerId()).endTerminated()
        .build();
  }

  private static PodCondition condition(String type, boolean ok, String reason, Input in) {
    String status = ok ? "True" : "False";
    String transition = time(in.now());
    for (PodCondition p : in.previous() == null ? List.<PodCondition>of() : in.previous()) {
      if (type.equals(p.getType()) && status.equals(p.getStatus())
          && p.getLastTransitionTime() != null) {
        transition = p.getLastTransitionTime();
      }
    }
    return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withLastTransitionTime(transition).withLastProbeTime(null).build();
  }

  /** RFC 3339 at whole seconds, as metav1.Time is written. */
  public static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
