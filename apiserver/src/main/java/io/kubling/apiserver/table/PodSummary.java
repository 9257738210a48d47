package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.bool;
import static io.kubling.apiserver.table.Cells.integer;
import static io.kubling.apiserver.table.Cells.items;
import static io.kubling.apiserver.table.Cells.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod's READY, STATUS and RESTARTS, computed step for step as printPod in Kubernetes 1.32
 * (init containers first, sidecars counted as containers, the last container's reason winning).
 *
 * @param lastRestart when a counted container last terminated; null if unknown
 */
record PodSummary(long ready, long total, String reason, long restarts, Instant lastRestart) {

  /** The RESTARTS cell: {@code 3}, or {@code 3 (5m ago)} when the last restart time is known. */
  String restartsCell(Instant now) {
    if (restarts != 0 && lastRestart != null) {
      return restarts + " (" + HumanDuration.since(lastRestart, now) + " ago)";
    }
    return Long.toString(restarts);
  }

  static PodSummary of(JsonNode pod) {
    String phase = text(pod, "status", "phase");
    String statusReason = text(pod, "status", "reason");
    String reason = statusReason.isEmpty() ? phase : statusReason;
    for (JsonNode c : items(pod, "status", "conditions")) {
      if ("PodScheduled".equals(text(c, "type")) && "SchedulingGated".equals(text(c, "reason"))) {
        reason = "SchedulingGated";
      }
    }
    List<JsonNode> initSpecs = items(pod, "spec", "initContainers");
    long total = items(pod, "spec", "containers").size();
    Set<String> sidecars = new HashSet<>();
    for (JsonNode c : initSpecs) {
      if ("Always".equals(text(c, "restartPolicy"))) {
        sidecars.add(text(c, "name"));
        total++;
      }
    }

    long ready = 0;
    long restarts = 0;
    long sidecarRestarts = 0;
    Instant last = null;
    Instant sidecarLast = null;
    boolean initializing = false;
    List<JsonNode> inits = items(pod, "status", "initContainerStatuses");
    for (int i = 0; i < inits.size(); i++) {
      JsonNode cs = inits.get(i);
      Instant finished = lastTerminated(cs);
      restarts += integer(cs, "restartCount");
      last = later(last, finished);
      boolean sidecar = sidecars.contains(text(cs, "name"));
      if (sidecar) {
        sidecarRestarts += integer(cs, "restartCount");
        sidecarLast = later(sidecarLast, finished);
      }
      JsonNode terminated = Json.at(cs, "state", "terminated");
      JsonNode waiting = Json.at(cs, "state", "waiting");
      if (terminated != null && integer(terminated, "exitCode") == 0) {
        continue;
      }
      if (sidecar && bool(cs, "started")) {
        ready += bool(cs, "ready") ? 1 : 0;
        continue;
      }
      if (terminated != null) {
        reason = "Init:" + terminatedReason(terminated);
      } else if (waiting != null && !text(waiting, "reason").isEmpty()
          && !"PodInitializing".equals(text(waiting, "reason"))) {
        reason = "Init:" + text(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + initSpecs.size();
      }
      initializing = true;
      break;
    }

    if (!initializing || conditionTrue(pod, "Initialized", true)) {
      restarts = sidecarRestarts;
      last = sidecarLast;
      boolean hasRunning = false;
      List<JsonNode> statuses = items(pod, "status", "containerStatuses");
      // Backwards, so that the first container's reason is the one shown.
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode cs = statuses.get(i);
        restarts += integer(cs, "restartCount");
        last = later(last, lastTerminated(cs));
        JsonNode waiting = Json.at(cs, "state", "waiting");
        JsonNode terminated = Json.at(cs, "state", "terminated");
        if (waiting != null && !text(waiting, "reason").isEmpty()) {
          reason = text(waiting, "reason");
        } else if (terminated != null) {
          reason = terminatedReason(terminated);
        } else if (bool(cs, "ready") && Json.at(cs, "state", "running") != null) {
          hasRunning = true;
          ready++;
        }
      }
      if ("Completed".equals(reason) && hasRunning) {
        reason = conditionTrue(pod, "Ready", false) ? "Running" : "NotReady";
      }
    }

    if (Meta.deleting(pod) && "NodeLost".equals(statusReason)) {
      reason = "Unknown";
    } else if (Meta.deleting(pod) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
      reason = "Terminating";
    }
    return new PodSummary(ready, total, reason, restarts, last);
  }

  private static String terminatedReason(JsonNode terminated) {
    String r = text(terminated, "reason");
    if (!r.isEmpty()) {
      return r;
    }
    long signal = integer(terminated, "signal");
    return signal != 0 ? "Signal:" + signal : "ExitCode:" + integer(terminated, "exitCode");
  }

  private static Instant lastTerminated(JsonNode containerStatus) {
    JsonNode t = Json.at(containerStatus, "lastState", "terminated");
    return t == null ? null : Cells.timestamp(t, "finishedAt");
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || (b != null && a.isBefore(b)) ? b : a;
  }

  /**
   * Whether the pod has a condition of this type with status True. With {@code firstOnly}, only
   * the first condition of the type counts (isPodInitializedConditionTrue), otherwise any does
   * (hasPodReadyCondition).
   */
  private static boolean conditionTrue(JsonNode pod, String type, boolean firstOnly) {
    for (JsonNode c : items(pod, "status", "conditions")) {
      if (type.equals(text(c, "type"))) {
        boolean isTrue = "True".equals(text(c, "status"));
        if (isTrue || firstOnly) {
          return isTrue;
        }
      }
    }
    return false;
  }
}
