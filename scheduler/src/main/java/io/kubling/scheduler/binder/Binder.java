package io.kubling.scheduler.binder;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.kubling.scheduler.json.JsonString;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds pods through POST pods/{name}/binding without blocking the scheduling thread: up to
 * {@code maxInFlight} requests at once on the client's asynchronous HTTP client, the rest
 * waiting in order. The binding carries the pod's uid, so a pod deleted and re-created under
 * the same name is never bound by mistake.
 */
public final class Binder {
  private static final Logger log = LoggerFactory.getLogger(Binder.class);

  private record Pending(String namespace, String name, String uid, String node,
      BiConsumer<BindResult, String> done) {}

  private final HttpClient http;
  private final String apiBase;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
  /** waiting's size, kept apart because ConcurrentLinkedQueue counts by walking. */
  private final AtomicInteger waitingCount = new AtomicInteger();

  public Binder(KubernetesClient client, int maxInFlight) {
    requireNonNull(client, "client should not be null");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    this.http = client.getHttpClient();
    String master = client.getMasterUrl().toString();
    this.apiBase = (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/";
    this.maxInFlight = maxInFlight;
  }

  /** Starts binding; {@code done} gets the result and, on failure, a message (on any thread). */
  public void bind(String namespace, String name, String uid, String node,
      BiConsumer<BindResult, String> done) {
    waitingCount.incrementAndGet();
    waiting.add(new Pending(namespace, name, uid, node, done));
    drain();
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Bindings not yet sent because {@code maxInFlight} are already under way. */
  public int waiting() {
    return waitingCount.get();
  }

  private void drain() {
    while (!waiting.isEmpty()) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        return;
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      Pending p = waiting.poll();
      if (p == null) {
        inFlight.decrementAndGet();
        continue;
      }
      waitingCount.decrementAndGet();
      send(p).whenComplete((r, t) -> {
        inFlight.decrementAndGet();
        try {
          if (t != null) {
            p.done().accept(BindResult.FAILED, t.toString());
          } else {
            p.done().accept(r.result, r.message);
          }
        } catch (RuntimeException e) {
          log.atError().setCause(e).log("binding callback failed");
        }
        drain();
      });
    }
  }

  private record Outcome(BindResult result, String message) {}

  private CompletableFuture<Outcome> send(Pending p) {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":"
        + JsonString.quote(p.name()) + ",\"namespace\":" + JsonString.quote(p.namespace())
        + (p.uid() == null ? "" : ",\"uid\":" + JsonString.quote(p.uid()))
        + "},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":" + JsonString.quote(p.node())
        + "}}";
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(apiBase + p.namespace() + "/pods/" + p.name() + "/binding")
        .post("application/json", body).build();
    return http.sendAsync(request, String.class).thenApply(resp -> {
      int code = resp.code();
      if (code == 200 || code == 201) {
        return new Outcome(BindResult.BOUND, null);
      }
      BindResult r = code == 409 || code == 404 ? BindResult.REFUSED : BindResult.FAILED;
      return new Outcome(r, code + " " + resp.body());
    });
  }
}
