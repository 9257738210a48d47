package io.kubling.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.component.config.LeaderElectionOptions;
import io.kubling.scheduler.SchedulerOptions;
import io.kubling.scheduler.SchedulerServer;
import io.kubling.testkit.EtcdServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Scheduling throughput on Node objects only (no agents), side by side with the API server's
 * raw binding rate on the same etcd: for each cluster size, a fresh etcd and API server in this
 * JVM, N nodes, then
 * <ol>
 *   <li>raw: 10,000 pre-created pods bound directly through POST pods/binding, 64 in flight;
 *   <li>scheduler, pre-created: 10,000 pods created first, then the scheduler started; pods/s
 *       from its start (informer sync included) until all are bound — the like-for-like ratio;
 *   <li>scheduler, streaming: 10,000 pods created by 64 concurrent clients while the scheduler
 *       runs; pods/s from the first create until all are bound, and create-to-bind p99.
 * </ol>
 * Usage: SchedulerBench [nodes,nodes,...] [pods] — defaults 1000,5000 and 10000.
 */
public final class SchedulerBench {
  static final int CONCURRENCY = 64;
  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  record Result(int nodes, double rawRate, double preRate, double streamRate, double p50Ms,
      double p99Ms) {}

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt)
        .toArray() : new int[] {1000, 5000};
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    List<Result> results = new ArrayList<>();
    for (int n : sizes) {
      results.add(run(n, pods));
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "%-6s %12s %14s %10s %14s %10s %12s %12s%n", "nodes",
        "raw bind/s", "sched pre p/s", "pre/raw", "sched strm p/s", "strm/raw", "p50 c→b ms",
        "p99 c→b ms");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-6d %12.0f %14.0f %10.2f %14.0f %10.2f %12.0f %12.0f%n",
          r.nodes(), r.rawRate(), r.preRate(), r.preRate() / r.rawRate(), r.streamRate(),
          r.streamRate() / r.rawRate(), r.p50Ms(), r.p99Ms());
    }
    if (results.size() >= 2) {
      Result small = results.get(0);
      Result large = results.get(results.size() - 1);
      System.out.printf(Locale.ROOT, "%d-node rate / %d-node rate: pre-created %.2f, streaming"
          + " %.2f (goal >= 0.6); scheduler / raw binding goal >= 0.7%n", large.nodes(),
          small.nodes(), large.preRate() / small.preRate(), large.streamRate() / small.streamRate());
    }
    System.exit(0);
  }

  static Result run(int nodeCount, int podCount) throws Exception {
    System.out.printf(Locale.ROOT, "== %d nodes, %d pods%n", nodeCount, podCount);
    try (EtcdServer etcd = EtcdServer.start("bench-scheduler-" + nodeCount)) {
      ApiServer server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints())
          .withPort(0)).start().get(60, TimeUnit.SECONDS);
      try (KubernetesClient client = KubeClients.forMaster(server.url(),
          ClientSettings.defaults("bench").withRequestTimeout(java.time.Duration.ofSeconds(60)))) {
        Api api = new Api(client, server.url());
        long t = System.nanoTime();
        api.all(nodeCount, i -> api.post("/api/v1/nodes", node("node-" + i)));
        System.out.printf(Locale.ROOT, "nodes created in %.1f s%n", secs(t));
        for (String ns : List.of("raw", "pre", "stream")) {
          api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}").join();
        }

        // 1. raw binding rate
        api.all(podCount, i -> api.post("/api/v1/namespaces/raw/pods", pod("p-" + i, "none")));
        t = System.nanoTime();
        api.all(podCount, i -> api.post("/api/v1/namespaces/raw/pods/p-" + i + "/binding",
            "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"p-" + i
                + "\"},\"target\":{\"kind\":\"Node\",\"name\":\"node-" + (i % nodeCount) + "\"}}"));
        double rawRate = podCount / secs(t);
        System.out.printf(Locale.ROOT, "raw binding: %.0f pods/s%n", rawRate);

        // 2. scheduler on pre-created pods
        api.all(podCount, i -> api.post("/api/v1/namespaces/pre/pods",
            pod("p-" + i, "default-scheduler")));
        t = System.nanoTime();
        double preRate;
        try (SchedulerServer s = SchedulerServer.start(options(server.url()))) {
          while (s.metrics().scheduledCount() < podCount && System.nanoTime() - t < 5 * MINUTE_NANOS) {
            Thread.sleep(5);
          }
          preRate = s.metrics().scheduledCount() / secs(t);
          System.out.printf(Locale.ROOT, "scheduler, pre-created pods: %.0f pods/s (%d bound,"
              + " %d errors, %d conflicts)%n", preRate, s.metrics().scheduledCount(),
              s.metrics().errorCount(), s.metrics().bindConflictCount());
        }

        // 3. scheduler while pods are being created
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> bound = new ConcurrentHashMap<>();
        try (SchedulerServer s = SchedulerServer.start(options(server.url()));
            Watch w = client.pods().inNamespace("stream").watch(new Watcher<>() {
              @Override
              public void eventReceived(Action action, Pod pod) {
                String node = pod.getSpec().getNodeName();
                if (node != null && !node.isEmpty()) {
                  bound.putIfAbsent(pod.getMetadata().getName(), System.nanoTime());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            })) {
          long start = System.nanoTime();
          api.all(podCount, i -> {
            created.put("p-" + i, System.nanoTime());
            return api.post("/api/v1/namespaces/stream/pods", pod("p-" + i, "default-scheduler"));
          });
          System.out.printf(Locale.ROOT, "streaming: %d pods created in %.1f s%n", podCount,
              secs(start));
          while (bound.size() < podCount && System.nanoTime() - start < 5 * MINUTE_NANOS) {
            Thread.sleep(5);
          }
          long last = bound.values().stream().mapToLong(Long::longValue).max().orElse(start);
          double streamRate = bound.size() / ((last - start) / 1e9);
          long[] lat = bound.entrySet().stream()
              .mapToLong(e -> e.getValue() - created.get(e.getKey())).sorted().toArray();
          double p50 = lat[lat.length / 2] / 1e6;
          double p99 = lat[(int) Math.min(lat.length - 1, Math.ceil(lat.length * 0.99) - 1)] / 1e6;
          System.out.printf(Locale.ROOT, "scheduler, streaming: %.0f pods/s, create-to-bind p50"
              + " %.0f ms, p99 %.0f ms (%d bound)%n", streamRate, p50, p99, bound.size());
          return new Result(nodeCount, rawRate, preRate, streamRate, p50, p99);
        }
      } finally {
        server.close();
      }
    }
  }

  private static SchedulerOptions options(String url) {
    ComponentOptions c = ComponentOptions.defaults("kube-scheduler", 0).withMaster(url)
        .withHealthz("127.0.0.1", 0)
        .withLeaderElection(LeaderElectionOptions.defaults("kube-scheduler").withLeaderElect(false));
    return SchedulerOptions.defaults().withComponent(c).withParallelBindings(CONCURRENCY);
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String node(String name) {
    return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"kubernetes.io/hostname\":\""
        + name + "\"}},\"status\":{\"capacity\":{\"cpu\":\"32\",\"memory\":\"128Gi\",\"pods\":"
        + "\"110\"},\"allocatable\":{\"cpu\":\"32\",\"memory\":\"128Gi\",\"pods\":\"110\"},"
        + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\"}]}}";
  }

  static String pod(String name, String scheduler) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"schedulerName\":\"" + scheduler
        + "\",\"containers\":[{\"name\":\"c\",\"image\":\"pause\",\"resources\":{\"requests\":"
        + "{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}}]}}";
  }

  /** POSTs through fabric8's asynchronous HTTP client, {@link #CONCURRENCY} in flight. */
  static final class Api {
    private final HttpClient http;
    private final String base;
    private final Semaphore slots = new Semaphore(CONCURRENCY);
    private final AtomicInteger failures = new AtomicInteger();

    Api(KubernetesClient client, String base) {
      this.http = client.getHttpClient();
      this.base = base;
    }

    java.util.concurrent.CompletableFuture<Void> post(String path, String body) {
      HttpRequest req = http.newHttpRequestBuilder().uri(base + path)
          .post("application/json", body).build();
      return http.sendAsync(req, String.class).thenAccept(r -> {
        if (r.code() >= 300 && failures.getAndIncrement() < 5) {
          System.out.println("POST " + path + ": " + r.code() + " " + r.body());
        }
      });
    }

    /** Runs n requests with at most CONCURRENCY in flight and waits for all. */
    void all(int n, IntFunction<java.util.concurrent.CompletableFuture<Void>> request)
        throws InterruptedException {
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
      for (int i = 0; i < n; i++) {
        slots.acquire();
        request.apply(i).whenComplete((v, t) -> {
          if (t != null && failures.getAndIncrement() < 5) {
            System.out.println("request failed: " + t);
          }
          slots.release();
          done.countDown();
        });
      }
      done.await();
    }
  }
}
