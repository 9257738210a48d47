package io.kubling.scheduler.events;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.kubling.scheduler.json.JsonString;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about pods (what {@code kubectl describe pod} lists). Like client-go's
 * broadcaster it never holds up scheduling: recording only queues a small record (the JSON is
 * built when the event is sent), at most {@link #MAX_QUEUED} wait, and more are dropped (counted).
 * Writes also yield to bindings: while the {@code yieldTo} gate says bindings are backed up, no
 * event is sent, so a burst of pods is bound first and its events follow (call {@link #drain()}
 * when the gate may have opened).
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  /** Enough for the Scheduled events of a 10,000-pod burst; a few hundred bytes each. */
  static final int MAX_QUEUED = 20_000;

  private record Pending(String namespace, String name, String uid, String resourceVersion,
      String type, String reason, String message, Instant time, String suffix) {}

  private final HttpClient http;
  private final String apiBase;
  private final String component;
  private final int maxInFlight;
  private final BooleanSupplier yieldTo;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ArrayBlockingQueue<Pending> queued = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final AtomicLong seq = new AtomicLong(System.nanoTime());
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();

  /**
   * @param maxInFlight event writes at once
   * @param yieldTo true while event writes should wait (bindings backed up)
   */
  public EventRecorder(KubernetesClient client, String component, int maxInFlight,
      BooleanSupplier yieldTo) {
    requireNonNull(client, "client should not be null");
    this.component = requireNonNull(component, "component should not be null");
    this.yieldTo = requireNonNull(yieldTo, "yieldTo should not be null");
    this.http = client.getHttpClient();
    String master = client.getMasterUrl().toString();
    this.apiBase = (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/";
    this.maxInFlight = maxInFlight;
  }

  /**
   * The Event Kubernetes' recorder writes, as JSON: named pod.&lt;suffix&gt;, count 1, both
   * timestamps at {@code now}, about the pod's uid and resourceVersion.
   */
  public static String eventJson(String namespace, String name, String uid,
      String resourceVersion, String type, String reason, String message, String component,
      String suffix, Instant now) {
    String ts = JsonString.quote(now.truncatedTo(ChronoUnit.SECONDS).toString());
    String comp = JsonString.quote(component);
    StringBuilder b = new StringBuilder(512 + message.length());
    b.append("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":")
        .append(JsonString.quote(name + "." + suffix)).append(",\"namespace\":")
        .append(JsonString.quote(namespace)).append("},\"involvedObject\":{\"apiVersion\":\"v1\","
            + "\"kind\":\"Pod\",\"namespace\":").append(JsonString.quote(namespace))
        .append(",\"name\":").append(JsonString.quote(name));
    if (uid != null) {
      b.append(",\"uid\":").append(JsonString.quote(uid));
    }
    if (resourceVersion != null) {
      b.append(",\"resourceVersion\":").append(JsonString.quote(resourceVersion));
    }
    b.append("},\"reason\":").append(JsonString.quote(reason))
        .append(",\"message\":").append(JsonString.quote(message))
        .append(",\"type\":").append(JsonString.quote(type))
        .append(",\"source\":{\"component\":").append(comp).append('}')
        .append(",\"firstTimestamp\":").append(ts).append(",\"lastTimestamp\":").append(ts)
        .append(",\"count\":1,\"reportingComponent\":").append(comp)
        .append(",\"reportingInstance\":").append(comp).append('}');
    return b.toString();
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

  /** Events sent and answered (successfully or not). */
  public long written() {
    return written.sum();
  }

  /** Events queued or being written. */
  public int pending() {
    return queued.size() + inFlight.get();
  }

  /** Events not yet sent. */
  int queued() {
    return queued.size();
  }

  private void record(Pod pod, String type, String reason, String message) {
    var m = pod.getMetadata();
    Pending p = new Pending(m.getNamespace(), m.getName(), m.getUid(), m.getResourceVersion(),
        type, reason, message, Instant.now(), Long.toHexString(seq.incrementAndGet()));
    if (!queued.offer(p)) {
      dropped.increment();
      return;
    }
    drain();
  }

  /** Sends queued events while there is room in flight and bindings are not backed up. */
  public void drain() {
    while (!queued.isEmpty() && !yieldTo.getAsBoolean()) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        return;
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      Pending p = queued.poll();
      if (p == null) {
        inFlight.decrementAndGet();
        continue;
      }
      send(p);
    }
  }

  private void send(Pending p) {
    HttpRequest request;
    try {
      String body = eventJson(p.namespace(), p.name(), p.uid(), p.resourceVersion(), p.type(),
          p.reason(), p.message(), component, p.suffix(), p.time());
      request = http.newHttpRequestBuilder().uri(apiBase + p.namespace() + "/events")
          .post("application/json", body).build();
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      log.atWarn().setCause(e).log("event not recorded");
      return;
    }
    http.sendAsync(request, String.class).whenComplete((resp, t) -> {
      inFlight.decrementAndGet();
      written.increment();
      if (t != null || resp.code() >= 300) {
        log.atDebug().addKeyValue("error", t != null ? t.toString() : resp.code() + " "
            + resp.body()).log("event not recorded");
      }
      drain();
    });
  }
}
