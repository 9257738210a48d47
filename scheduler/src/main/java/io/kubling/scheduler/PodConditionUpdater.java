package io.kubling.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes PodScheduled=False, reason Unschedulable, with the failure message into a pod's
 * status through a strategic merge patch of pods/status (merged by condition type), skipping
 * the write when the pod already says exactly that.
 */
final class PodConditionUpdater {
  private static final Logger log = LoggerFactory.getLogger(PodConditionUpdater.class);
  static final String POD_SCHEDULED = "PodScheduled";
  static final String UNSCHEDULABLE = "Unschedulable";

  private final KubernetesClient client;
  private final HttpClient http;
  private final String apiBase;
  private final Semaphore inFlight = new Semaphore(32);

  PodConditionUpdater(KubernetesClient client) {
    this.client = client;
    this.http = client.getHttpClient();
    String master = client.getMasterUrl().toString();
    this.apiBase = (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/";
  }

  /** The condition the pod should get; null when its current one already says so. */
  static Map<String, Object> condition(Pod pod, String message, Instant now) {
    PodCondition current = null;
    List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
    if (conditions != null) {
      for (PodCondition c : conditions) {
        if (POD_SCHEDULED.equals(c.getType())) {
          current = c;
        }
      }
    }
    if (current != null && "False".equals(current.getStatus())
        && UNSCHEDULABLE.equals(current.getReason()) && message.equals(current.getMessage())) {
      return null;
    }
    // The transition time moves only when the status flips, as Kubernetes keeps it.
    String transition = current != null && "False".equals(current.getStatus())
        && current.getLastTransitionTime() != null ? current.getLastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", POD_SCHEDULED);
    c.put("status", "False");
    c.put("lastProbeTime", null);
    c.put("lastTransitionTime", transition);
    c.put("reason", UNSCHEDULABLE);
    c.put("message", message);
    return c;
  }

  /** Patches the condition; waits while many patches are in flight, so failures pace it. */
  void unschedulable(Pod pod, String message) throws InterruptedException {
    Map<String, Object> condition = condition(pod, message, Instant.now());
    if (condition == null) {
      return;
    }
    String body = client.getKubernetesSerialization().asJson(
        Map.of("status", Map.of("conditions", List.of(condition))));
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(apiBase + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName()
            + "/status")
        .method("PATCH", "application/strategic-merge-patch+json", body).build();
    inFlight.acquire();
    http.sendAsync(request, String.class).whenComplete((resp, t) -> {
      inFlight.release();
      if (t != null || resp.code() >= 300) {
        log.atWarn().addKeyValue("pod",
                pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
            .addKeyValue("error", t != null ? t.toString() : resp.code() + " " + resp.body())
            .log("could not set PodScheduled=False");
      }
    });
  }
}
