package io.kubling.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
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
 *   <li>warm-up rounds of each side below on {@link #WARMUP_PODS} pods, not counted, until
 *       the JIT has compiled both paths ({@link JitWarmup}) before anything is measured;
 *   <li>{@link #ROUNDS} measured rounds, each of the two sides in turn on fresh pods:
 *       <ul>
 *         <li>raw: the pods pre-created, then bound directly through POST pods/binding,
 *             {@link #CONCURRENCY} in flight (the scheduler's binder's limit);
 *         <li>scheduler: the pods pre-created, then the scheduler started; pods/s from the
 *             moment its informers have synced and it starts scheduling until all are bound
 *             (the sync is printed on its own: it is start-up, not scheduling throughput);
 *       </ul>
 *   <li>streaming: pods created by {@link #CONCURRENCY} concurrent clients while the scheduler
 *       runs; pods/s from the first create until all are bound, and create-to-bind p50/p99
 *       (this rate is capped by the create rate, so it is not compared with raw binding).
 * </ol>
 * Each measured side also prints the CPU it used per pod (this JVM, which holds the API server
 * and the scheduler, plus etcd): on a shared machine whose load swings between rounds, the
 * CPU ratio is the steadier figure. The scheduler defers its Scheduled events until bindings
 * stop backing up; they are written after its window, and their CPU is printed apart.
 * Usage: SchedulerBench [nodes,nodes,...] [pods] — defaults 1000,5000 and 10000.
 */
public final class SchedulerBench {
  static final int CONCURRENCY = 64;
  static final int ROUNDS = 2;
  static final int WARMUP_PODS = 3000;
  static final int WARMUP_MAX_STEPS = 12;
  /** -Dbench.threads=true: print each measured window's busiest threads by CPU. */
  static final boolean THREADS = Boolean.getBoolean("bench.threads");
  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** One measured side of a round: its rate and the CPU it used. */
  record Side(double rate, CpuTime cpu, int pods) {
    double cpuMsPerPod() {
      return (cpu.jvmNanos() + cpu.childNanos()) / 1e6 / pods;
    }
  }

  record Result(int nodes, List<Double> raw, List<Double> sched, List<Double> cpuRatio,
      double streamRate, double p50Ms, double p99Ms) {
    double rawRate() {
      return Stats.median(raw);
    }

    double schedRate() {
      return Stats.median(sched);
    }
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt)
        .toArray() : new int[] {1000, 5000};
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    List<Result> results = new ArrayList<>();
    for (int n : sizes) {
      results.add(run(n, pods));
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "%-6s %12s %12s %10s %14s %14s %12s %12s%n", "nodes",
        "raw bind/s", "sched p/s", "sched/raw", "cpu raw/sched", "sched strm p/s", "p50 c→b ms",
        "p99 c→b ms");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-6d %12.0f %12.0f %10.2f %14.2f %14.0f %12.0f %12.0f%n",
          r.nodes(), r.rawRate(), r.schedRate(), r.schedRate() / r.rawRate(),
          Stats.median(r.cpuRatio()), r.streamRate(), r.p50Ms(), r.p99Ms());
    }
    System.out.println("(medians of " + ROUNDS + " alternating rounds after a warm-up; rounds:");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, " %d nodes raw %s sched %s%n", r.nodes(), rates(r.raw()),
          rates(r.sched()));
    }
    System.out.println(")");
    if (results.size() >= 2) {
      Result small = results.get(0);
      Result large = results.get(results.size() - 1);
      System.out.printf(Locale.ROOT, "%d-node rate / %d-node rate: %.2f (goal >= 0.6);"
          + " scheduler / raw binding: %s (goal >= 0.7)%n", large.nodes(), small.nodes(),
          large.schedRate() / small.schedRate(), String.join(", ", results.stream()
              .map(r -> String.format(Locale.ROOT, "%.2f", r.schedRate() / r.rawRate()))
              .toList()));
    }
    System.exit(0);
  }

  private static String rates(List<Double> rates) {
    return String.join("/", rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r))
        .toList());
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

        int[] step = {0};
        JitWarmup.untilSettled("raw + scheduler", WARMUP_MAX_STEPS, () -> {
          step[0]++;
          Side wr = raw(api, "warm-raw-" + step[0], WARMUP_PODS, nodeCount);
          Side ws = scheduled(api, server.url(), "warm-sched-" + step[0], WARMUP_PODS);
          System.out.printf(Locale.ROOT, "warm-up: raw binding %.0f pods/s, scheduler %.0f"
              + " pods/s%n", wr.rate(), ws.rate());
        });
        Side r;
        Side s;
        List<Double> raws = new ArrayList<>();
        List<Double> scheds = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
          r = raw(api, "raw-" + round, podCount, nodeCount);
          s = scheduled(api, server.url(), "sched-" + round, podCount);
          raws.add(r.rate());
          scheds.add(s.rate());
          cpuRatios.add(r.cpuMsPerPod() / s.cpuMsPerPod());
          System.out.printf(Locale.ROOT, "round %d: raw binding %.0f pods/s, scheduler %.0f pods/s,"
              + " ratio %.2f; CPU per pod (this JVM + etcd) raw %.2f ms, scheduler %.2f ms,"
              + " ratio %.2f%n", round, r.rate(), s.rate(), s.rate() / r.rate(), r.cpuMsPerPod(),
              s.cpuMsPerPod(), r.cpuMsPerPod() / s.cpuMsPerPod());
        }
        double[] stream = streaming(api, client, server.url(), podCount);
        return new Result(nodeCount, raws, scheds, cpuRatios, stream[0], stream[1], stream[2]);
      } finally {
        server.close();
      }
    }
  }

  /** Pre-creates the pods, then binds them straight through pods/binding; binds/s. */
  static Side raw(Api api, String ns, int podCount, int nodeCount) throws Exception {
    api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}").join();
    api.all(podCount, i -> api.post("/api/v1/namespaces/" + ns + "/pods", pod("p-" + i, "none")));
    long t = System.nanoTime();
    String from = clock();
    CpuTime cpu = CpuTime.now();
    ThreadCpu threads = ThreadCpu.now();
    api.all(podCount, i -> api.post("/api/v1/namespaces/" + ns + "/pods/p-" + i + "/binding",
        "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"p-" + i
            + "\"},\"target\":{\"kind\":\"Node\",\"name\":\"node-" + (i % nodeCount) + "\"}}"));
    double rate = podCount / secs(t);
    CpuTime used = CpuTime.now().since(cpu);
    System.out.printf(Locale.ROOT, "  %s: %.0f binds/s, %s (%s-%s)%n", ns, rate,
        used.perObject(podCount), from, clock());
    if (THREADS) {
      ThreadCpu end = ThreadCpu.now();
      System.out.println("    busiest threads: " + end.busiestSince(threads,
          System.nanoTime() - t, 6));
      System.out.println("    cpu ms/pod by thread: " + end.perObjectByGroup(threads, podCount, 12));
      System.out.println("    KiB allocated/pod by thread: "
          + end.allocatedPerObjectByGroup(threads, podCount, 8));
    }
    api.deletePods(ns);
    return new Side(rate, used, podCount);
  }

  /** Wall-clock time of day, so a profile can be cut to a measured window. */
  private static String clock() {
    return java.time.LocalTime.now(java.time.ZoneOffset.UTC).toString();
  }

  /**
   * Pre-creates the pods, starts a scheduler and measures from its informers' sync to the
   * last binding; pods/s.
   */
  static Side scheduled(Api api, String url, String ns, int podCount) throws Exception {
    api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}").join();
    api.all(podCount, i -> api.post("/api/v1/namespaces/" + ns + "/pods",
        pod("p-" + i, "default-scheduler")));
    long t = System.nanoTime();
    try (SchedulerServer s = SchedulerServer.start(options(url))) {
      long synced;
      while ((synced = s.schedulingSinceNanos()) == 0 && System.nanoTime() - t < MINUTE_NANOS) {
        Thread.sleep(1);
      }
      if (synced == 0) {
        throw new IllegalStateException("the scheduler did not start within a minute");
      }
      CpuTime cpu = CpuTime.now();
      ThreadCpu threads = ThreadCpu.now();
      while (s.metrics().scheduledCount() < podCount
          && System.nanoTime() - synced < 5 * MINUTE_NANOS) {
        Thread.sleep(2);
      }
      double rate = s.metrics().scheduledCount() / secs(synced);
      CpuTime used = CpuTime.now().since(cpu);
      ThreadCpu end = THREADS ? ThreadCpu.now() : null;
      String busiest = THREADS ? end.busiestSince(threads, System.nanoTime() - synced, 8)
          + "\n    cpu ms/pod by thread: " + end.perObjectByGroup(threads, podCount, 12)
          + "\n    KiB allocated/pod by thread: "
          + end.allocatedPerObjectByGroup(threads, podCount, 8) : null;
      String window = java.time.LocalTime.now(java.time.ZoneOffset.UTC)
          .minusNanos(System.nanoTime() - synced) + "-" + clock();
      int eventsLeft = s.pendingEvents();
      // Outside the measured time, let the deferred Scheduled events be written, so they are
      // really written and the next round does not compete with them.
      long drain = System.nanoTime();
      while (s.pendingEvents() > 0 && System.nanoTime() - drain < 2 * MINUTE_NANOS) {
        Thread.sleep(5);
      }
      CpuTime eventsCpu = CpuTime.now().since(cpu).since(used);
      System.out.printf(Locale.ROOT, "  %s: informers synced in %.1f s, then %.0f pods/s, %s (%d"
          + " bound, %d errors, %d conflicts); %d Scheduled events still to write at the last"
          + " binding, written in %.1f s, %s (%s)%n", ns, (synced - t) / 1e9, rate,
          used.perObject(podCount), s.metrics().scheduledCount(), s.metrics().errorCount(),
          s.metrics().bindConflictCount(), eventsLeft, secs(drain),
          eventsCpu.perObject(podCount), window);
      if (busiest != null) {
        System.out.println("    busiest threads: " + busiest);
      }
      s.close();
      api.deletePods(ns);
      return new Side(rate, used, podCount);
    }
  }

  /** Creates pods while a scheduler runs: {pods/s, p50 ms, p99 ms} of create-to-bind. */
  static double[] streaming(Api api, KubernetesClient client, String url, int podCount)
      throws Exception {
    api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"stream\"}}").join();
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> bound = new ConcurrentHashMap<>();
    try (SchedulerServer s = SchedulerServer.start(options(url));
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
      long t = System.nanoTime();
      while (s.schedulingSinceNanos() == 0 && System.nanoTime() - t < MINUTE_NANOS) {
        Thread.sleep(1);
      }
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
      double[] lat = bound.entrySet().stream()
          .mapToDouble(e -> (e.getValue() - created.get(e.getKey())) / 1e6).toArray();
      double p50 = Stats.percentile(lat, 50);
      double p99 = Stats.percentile(lat, 99);
      System.out.printf(Locale.ROOT, "scheduler, streaming: %.0f pods/s, create-to-bind p50"
          + " %.0f ms, p99 %.0f ms (%d bound)%n", streamRate, p50, p99, bound.size());
      return new double[] {streamRate, p50, p99};
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

    /**
     * Deletes a namespace's pods at once (deletecollection, no grace), outside any measured
     * window: every side then starts on the same cluster — N nodes and no pods — instead of
     * one that grows by every earlier round's pods, whose weight (the API server's watch
     * cache, the scheduler's informer) made each later round slower than the one before.
     */
    void deletePods(String ns) {
      HttpRequest req = http.newHttpRequestBuilder().uri(base + "/api/v1/namespaces/" + ns
          + "/pods?gracePeriodSeconds=0").delete("application/json", "").build();
      HttpResponse<String> r = http.sendAsync(req, String.class).join();
      if (r.code() >= 300) {
        throw new IllegalStateException("deleting the pods of " + ns + ": " + r.code() + " "
            + r.body());
      }
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
