package io.kubling.agent.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
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
    // Plain constructors and setters, not fabric8's builders, and the time formatted once:
    // an agent computes this for every pod it syncs, and the builders' copies were a quarter
    // of a fake node's CPU per pod.
    String now = time(in.now());
    List<PodCondition> conditions = new ArrayList<>(5);
    conditions.add(condition("PodReadyToStartContainers", in.sandboxReady(), null, in, now));
    conditions.add(condition("Initialized", true, null, in, now));
    conditions.add(condition("Ready", podReady, podReady ? null : "ContainersNotReady", in, now));
    conditions.add(condition("ContainersReady", allReady, allReady ? null : "ContainersNotReady",
        in, now));
    conditions.add(condition("PodScheduled", true, null, in, now));
    List<ContainerStatus> statuses = new ArrayList<>(in.containers().size());
    for (ContainerSnapshot c : in.containers()) {
      statuses.add(containerStatus(c));
    }
    PodStatus s = new PodStatus();
    s.setPhase(phase);
    s.setConditions(conditions);
    s.setHostIP(in.hostIp());
    s.setHostIPs(new ArrayList<>(List.of(new HostIP(in.hostIp()))));
    s.setStartTime(time(in.startTime()));
    s.setContainerStatuses(statuses);
    s.setQosClass(in.qosClass());
    if (in.podIp() != null) {
      s.setPodIP(in.podIp());
      s.setPodIPs(new ArrayList<>(List.of(new PodIP(in.podIp()))));
    }
    return s;
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
    ContainerState state = new ContainerState();
    if (c.running()) {
      state.setRunning(new ContainerStateRunning(time(c.startedAt())));
    } else if (c.terminated() != null) {
      state = terminated(c.terminated());
    } else {
      state.setWaiting(new ContainerStateWaiting(c.waitingMessage(), c.waitingReason()));
    }
    ContainerStatus s = new ContainerStatus();
    s.setName(c.name());
    s.setImage(c.image());
    s.setImageID(c.image() == null ? "" : "kubling://" + c.image());
    s.setContainerID(c.containerId());
    s.setState(state);
    s.setLastState(c.last() == null ? new ContainerState() : terminated(c.last()));
    s.setReady(c.ready());
    s.setStarted(c.running() && c.started());
    s.setRestartCount(c.restartCount());
    return s;
  }

  private static ContainerState terminated(Termination t) {
    ContainerStateTerminated done = new ContainerStateTerminated();
    done.setExitCode(t.exitCode());
    done.setReason(t.reason());
    done.setMessage(t.message());
    done.setStartedAt(time(t.startedAt()));
    done.setFinishedAt(time(t.finishedAt()));
    done.setContainerID(t.containerId());
    ContainerState state = new ContainerState();
    state.setTerminated(done);
    return state;
  }

  private static PodCondition condition(String type, boolean ok, String reason, Input in,
      String now) {
    String status = ok ? "True" : "False";
    String transition = now;
    for (PodCondition p : in.previous() == null ? List.<PodCondition>of() : in.previous()) {
      if (type.equals(p.getType()) && status.equals(p.getStatus())
          && p.getLastTransitionTime() != null) {
        transition = p.getLastTransitionTime();
      }
    }
    PodCondition c = new PodCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setLastTransitionTime(transition);
    return c;
  }

  /** RFC 3339 at whole seconds, as metav1.Time is written. */
  public static String time(Instant t) {
    if (t == null) {
      return null;
    }
    // Most calls format the current second, again and again for every pod synced in it.
    Formatted last = lastFormatted;
    if (last.epochSecond() == t.getEpochSecond()) {
      return last.text();
    }
    String text = t.truncatedTo(ChronoUnit.SECONDS).toString();
    lastFormatted = new Formatted(t.getEpochSecond(), text);
    return text;
  }

  private record Formatted(long epochSecond, String text) {}

  private static volatile Formatted lastFormatted = new Formatted(Long.MIN_VALUE, null);
}
