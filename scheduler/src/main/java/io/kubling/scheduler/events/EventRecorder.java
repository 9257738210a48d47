package io.kubling.scheduler.events;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about pods (what {@code kubectl describe pod} lists). Like client-go's
 * broadcaster it never holds up scheduling and never competes much with it for the API server:
 * events are written a few at a time from a queue of at most 1,000, and dropped (counted)
 * when that queue is full.
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final HttpClient http;
  private final String apiBase;
  private final String component;
  static final int MAX_QUEUED = 1000;
  private final int maxInFlight;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.ArrayBlockingQueue<HttpRequest> queued =
      new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED);
  private final AtomicLong seq = new AtomicLong(System.nanoTime());
  private final LongAdder dropped = new LongAdder();

  public EventRecorder(KubernetesClient client, String component, int maxInFlight) {
    this.client = requireNonNull(client, "client should not be null");
    this.component = requireNonNull(component, "component should not be null");
    this.http = client.getHttpClient();
    String master = client.getMasterUrl().toString();
    this.apiBase = (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/";
    this.maxInFlight = maxInFlight;
  }

  /** Builds the Event Kubernetes' recorder would: named pod.&lt;hex&gt;, count 1, both timestamps. */
  public static Event event(Pod pod, String type, String reason, String message,
      String component, String suffix, Instant now) {
    String ts = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata().withName(pod.getMetadata().getName() + "." + suffix)
        .withNamespace(pod.getMetadata().getNamespace()).endMetadata()
        .withNewInvolvedObject().withApiVersion("v1").withKind("Pod")
        .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .withResourceVersion(pod.getMetadata().getResourceVersion()).endInvolvedObject()
        .withReason(reason).withMessage(message).withType(type)
        .withNewSource().withComponent(component).endSource()
        .withFirstTimestamp(ts).withLastTimestamp(ts).withCount(1)
        .withReportingComponent(component).withReportingInstance(component)
        .build();
  }

  public void normal(Pod pod, String reason, String message) {
    record(pod, "Normal", reason, message);
  }

  public void warning(Pod pod, String reason, String message) {
    record(pod, "Warning", reason, message);
  }

  public long dropped() {
    return dropped.sum();
  }

  private void record(Pod pod, String type, String reason, String message) {
    Event e = event(pod, type, reason, message, component,
        Long.toHexString(seq.incrementAndGet()), Instant.now());
    String body = client.getKubernetesSerialization().asJson(e);
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(apiBase + pod.getMetadata().getNamespace() + "/events")
        .post("application/json", body).build();
    if (!queued.offer(request)) {
      dropped.increment();
      return;
    }
    drain();
  }

  private void drain() {
    while (!queued.isEmpty()) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        return;
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      HttpRequest request = queued.poll();
      if (request == null) {
        inFlight.decrementAndGet();
        continue;
      }
      http.sendAsync(request, String.class).whenComplete((resp, t) -> {
        inFlight.decrementAndGet();
        if (t != null || resp.code() >= 300) {
          log.atDebug().addKeyValue("error", t != null ? t.toString() : resp.code() + " "
              + resp.body()).log("event not recorded");
        }
        drain();
      });
    }
  }
}
