package io.kubling.bench;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.agent.AgentConfig;
import io.kubling.agent.FakeNodes;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import io.kubling.scheduler.SchedulerOptions;
import io.kubling.scheduler.SchedulerServer;
import io.kubling.testkit.EtcdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A ReplicaSet 0 → 1,000 Running through the whole real pipeline in one JVM — the controller
 * manager's ReplicaSet controller (slow-start batches, expectations), the scheduler, and fake
 * nodes' agents (fake runtime: pods start at once, one status write each) — beside the API
 * server's raw pod create rate on the same etcd and the same running cluster, measured with
 * the client concurrency the controller creates with (its 64 write threads). Warm-up rounds
 * of each until the JIT has settled, then rounds alternating raw and ReplicaSet; prints every
 * round and the medians.
 */
public final class ReplicaSetBench {
  static final int PODS = Integer.getInteger("bench.pods", 1000);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  /** Warm-up runs of each side repeat until the JIT has settled ({@link JitWarmup}). */
  static final int WARMUP_MAX_STEPS = Integer.getInteger("bench.warmups", 10);
  /** The controller manager's write pool: at most this many of its creates are in flight. */
  static final int WRITERS = 64;
  static final int NODES = 10;
  /** Raw pods name a scheduler nobody runs, so no component acts on them beyond watching. */
  static final String NO_SCHEDULER = "bench-no-scheduler";
  /**
   * Print, per ReplicaSet run, when the slow-start batches' pods were first seen created,
   * bound and Running, and the CPU per pod by thread group (on unless -Dbench.breakdown=false).
   */
  static final boolean BREAKDOWN = Boolean.parseBoolean(
      System.getProperty("bench.breakdown", "true"));

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    Path data = Files.createTempDirectory("kubling-rs-bench");
    List<AutoCloseable> closers = new ArrayList<>();
    try (EtcdServer etcd = EtcdServer.start("bench-replicaset")) {
      ApiServer server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints())
          .withPort(0)).start().get(60, TimeUnit.SECONDS);
      closers.add(server::close);
      String url = server.url();
      apiServer = server;
      KubernetesClient client = KubeClients.forMaster(url, ClientSettings.defaults("bench"));
      closers.add(client);
      for (String ns : List.of("raw", "bench")) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
            .endMetadata().build()).create();
      }
      KubernetesClient agentClient = KubeClients.forMaster(url, ClientSettings.defaults("agent"));
      closers.add(agentClient);
      AgentConfig template = AgentConfig.defaults("fake", "10.250.0.1", data)
          .withCapacity(Map.of("cpu", "1000", "memory", "1Ti", "pods", "1000"));
      closers.add(FakeNodes.start(agentClient, template, NODES, Clock.systemUTC()));
      closers.add(SchedulerServer.start(SchedulerOptions.defaults().withComponent(
          noElection(ComponentOptions.defaults("kube-scheduler", 0), url))));
      KubernetesClient cmClient = KubeClients.forMaster(url, ClientSettings.defaults("cm"));
      closers.add(cmClient);
      closers.add(new ControllerManager(ControllerManagerOptions.defaults(
          noElection(ComponentOptions.defaults(ControllerManagerOptions.NAME, 0), url))
          .withControllers(List.of("replicaset")).withApiServerUrl(url), cmClient, "bench")
          .start());
      Watcher watcher = new Watcher(client);
      closers.add(watcher);
      waitUntil(() -> client.nodes().list().getItems().stream().filter(ReplicaSetBench::ready)
          .count() == NODES, 120, "fake nodes Ready");

      List<Double> raws = new ArrayList<>();
      List<Double> directs = new ArrayList<>();
      List<Double> sets = new ArrayList<>();
      List<Double> controllerRatios = new ArrayList<>();
      int[] runs = {0};
      JitWarmup.untilSettled("raw + direct + ReplicaSet", WARMUP_MAX_STEPS, () -> {
        runs[0]++;
        report("warm-up " + runs[0], rawCreates(client, runs[0]),
            directRun(client, watcher, runs[0]), replicaSetRun(client, watcher, runs[0]));
      });
      for (int round = 1; round <= ROUNDS; round++) {
        runs[0]++;
        // Which of the two pipelines goes first alternates, so neither always follows raw.
        double raw = rawCreates(client, runs[0]);
        Run direct;
        Run rs;
        if (round % 2 == 1) {
          direct = directRun(client, watcher, runs[0]);
          rs = replicaSetRun(client, watcher, runs[0]);
        } else {
          rs = replicaSetRun(client, watcher, runs[0]);
          direct = directRun(client, watcher, runs[0]);
        }
        report("round " + round, raw, direct, rs);
        raws.add(raw);
        directs.add(direct.rate());
        sets.add(rs.rate());
        controllerRatios.add(rs.rate() / direct.rate());
      }
      double raw = Stats.median(raws);
      double direct = Stats.median(directs);
      double set = Stats.median(sets);
      System.out.printf(Locale.ROOT, "raw API server pod creates (%d clients, same cluster): median"
          + " %.0f pods/s%n", WRITERS, raw);
      System.out.printf(Locale.ROOT, "%d pods created directly (%d clients) -> Running through the"
          + " same scheduler and nodes: median %.0f pods/s (%.1f s)%n", PODS, WRITERS, direct,
          PODS / direct);
      System.out.printf(Locale.ROOT, "ReplicaSet 0 -> %d Running (create + bind + status per pod):"
          + " median %.0f pods/s (%.1f s)%n", PODS, set, PODS / set);
      System.out.printf(Locale.ROOT, "ratio (ReplicaSet pods/s ÷ raw create pods/s): %.2f"
          + " (goal >= 0.8)%n", set / raw);
      System.out.printf(Locale.ROOT, "ratio (ReplicaSet pods/s ÷ direct pods/s, both to Running;"
          + " what the controller itself costs): %.2f (median of rounds; rounds %.2f-%.2f)%n",
          Stats.median(controllerRatios), Collections.min(controllerRatios),
          Collections.max(controllerRatios));
    } finally {
      for (int i = closers.size() - 1; i >= 0; i--) {
        try {
          closers.get(i).close();
        } catch (Exception e) {
          // keep closing
        }
      }
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  static void report(String label, double raw, Run direct, Run rs) {
    System.out.printf(Locale.ROOT, "%s: raw creates %.0f pods/s | direct %d -> Running in %d ms ="
        + " %.0f pods/s | ReplicaSet 0 -> %d Running"
        + " in %d ms = %.0f pods/s (all created after %d ms = %.0f/s, all bound after %d ms)"
        + " | ratio to raw %.2f, to direct %.2f | etcd writes per pod: raw %.2f, direct %.2f,"
        + " ReplicaSet %.2f%n",
        label, raw, PODS, direct.runningMillis, direct.rate(), PODS, rs.runningMillis, rs.rate(),
        rs.createdMillis, PODS / (rs.createdMillis / 1000.0), rs.boundMillis, rs.rate() / raw,
        rs.rate() / direct.rate(), rawWritesPerPod, direct.writesPerPod(), rs.writesPerPod());
  }

  static ComponentOptions noElection(ComponentOptions c, String url) {
    c = c.withMaster(url).withHealthz("127.0.0.1", 0);
    return c.withLeaderElection(c.leaderElection().withLeaderElect(false));
  }

  /** etcd's current revision: every write in the cluster moves it by one. */
  static long revision(KubernetesClient client) {
    return Long.parseLong(client.namespaces().list(new ListOptionsBuilder().withLimit(1L).build())
        .getMetadata().getResourceVersion());
  }

  static boolean ready(io.fabric8.kubernetes.api.model.Node n) {
    return n.getStatus() != null && n.getStatus().getConditions() != null
        && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** {@code PODS} pod creates from {@code WRITERS} threads; the pods are deleted afterwards. */
  static double rawCreates(KubernetesClient client, int round) throws Exception {
    long rev0 = revision(client);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> fs = new ArrayList<>();
      ThreadCpu cpu0 = BREAKDOWN ? ThreadCpu.now() : null;
      long start = System.nanoTime();
      for (int i = 0; i < PODS; i++) {
        Pod pod = rawPod("raw-" + round + "-" + i);
        fs.add(pool.submit(() -> create(client, "raw", pod)));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      long nanos = System.nanoTime() - start;
      if (BREAKDOWN) {
        ThreadCpu cpu1 = ThreadCpu.now();
        System.out.println("  raw-" + round + " cpu ms/pod by thread: "
            + cpu1.perObjectByGroup(cpu0, PODS, 8));
        System.out.println("  raw-" + round + " allocated KiB/pod by thread: "
            + cpu1.allocatedPerObjectByGroup(cpu0, PODS, 8));
      }
      rawWritesPerPod = (revision(client) - rev0) / (double) PODS;
      fs.clear();
      for (int i = 0; i < PODS; i++) {
        String name = "raw-" + round + "-" + i;
        fs.add(pool.submit(() -> client.pods().inNamespace("raw").withName(name)
            .withGracePeriod(0).delete()));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      return Stats.perSecond(PODS, nanos);
    } finally {
      pool.shutdownNow();
    }
  }

  // fabric8 retries a request whose answer it lost (a timeout on a loaded machine); the retry
  // then finds the pod the first attempt made, which counts as created.
  static void create(KubernetesClient client, String namespace, Pod pod) {
    try {
      client.pods().inNamespace(namespace).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  static double rawWritesPerPod;
  static ApiServer apiServer;

  /** The API server's request counters (apiserver_request_total), by series. */
  static Map<String, Double> requestCounts() {
    Map<String, Double> out = new java.util.TreeMap<>();
    for (String line : apiServer.metrics().render().split("\n")) {
      if (line.startsWith("apiserver_request_total{")) {
        int sp = line.lastIndexOf(' ');
        out.put(line.substring("apiserver_request_total".length(), sp),
            Double.parseDouble(line.substring(sp + 1)));
      }
    }
    return out;
  }

  /** Requests per pod since {@code before}, by verb, resource and code, largest first. */
  static String requestsPerPod(Map<String, Double> before, Map<String, Double> after) {
    StringBuilder b = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
        .forEach(e -> b.append(String.format(Locale.ROOT, "%s=%.2f ",
            e.getKey().replace("verb=", "").replace("resource=", "").replace("code=", "")
                .replace("\"", ""), e.getValue() / PODS)));
    return b.toString().strip();
  }

  static Pod rawPod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "raw")
        .endMetadata().withNewSpec().withSchedulerName(NO_SCHEDULER).addNewContainer()
        .withName("c").withImage("pause").endContainer().endSpec().build();
  }

  record Run(long createdMillis, long boundMillis, long runningMillis, double writesPerPod) {
    double rate() {
      return PODS / (runningMillis / 1000.0);
    }
  }

  /**
   * {@code PODS} pods with the ReplicaSet's template but no owner, created from {@code WRITERS}
   * threads (the controller's write pool) and timed until the same scheduler has bound them and
   * the same fake nodes run them: the pipeline without the controller, so that the ReplicaSet
   * run's rate over this one is what the controller itself costs. Deleted afterwards (untimed).
   */
  static Run directRun(KubernetesClient client, Watcher watcher, int round) throws Exception {
    String name = "direct-" + round;
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      java.util.concurrent.atomic.AtomicReference<Throwable> failed =
          new java.util.concurrent.atomic.AtomicReference<>();
      Pipeline p = Pipeline.begin(client, name);
      for (int i = 0; i < PODS; i++) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-" + i)
            .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("c")
            .withImage("pause").endContainer().withTerminationGracePeriodSeconds(0L).endSpec()
            .build();
        pool.execute(() -> {
          try {
            create(client, "bench", pod);
          } catch (RuntimeException e) {
            failed.compareAndSet(null, e);
          }
        });
      }
      Run run = p.awaitRunning(watcher, failed::get);
      client.pods().inNamespace("bench").withLabel("app", name).withGracePeriod(0).delete();
      waitUntil(() -> watcher.present(name) == 0, 300, "pods of " + name + " gone");
      return run;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Scales a fresh ReplicaSet 0 → PODS and times it; then scales it back to 0 (untimed). */
  static Run replicaSetRun(KubernetesClient client, Watcher watcher, int round)
      throws Exception {
    String name = "rs-" + round;
    var sets = client.apps().replicaSets().inNamespace("bench");
    sets.resource(new ReplicaSetBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(0)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("pause").endContainer()
        .withTerminationGracePeriodSeconds(0L).endSpec().endTemplate().endSpec().build())
        .create();
    // The controller has seen the empty set once it wrote its status.
    waitUntil(() -> {
      var s = sets.withName(name).get().getStatus();
      return s != null && s.getObservedGeneration() != null;
    }, 60, "ReplicaSet " + name + " observed");
    Pipeline p = Pipeline.begin(client, name);
    sets.withName(name).scale(PODS);
    Run run = p.awaitRunning(watcher, () -> null);
    sets.withName(name).scale(0);
    waitUntil(() -> watcher.present(name) == 0, 300, "pods of " + name + " gone");
    return run;
  }

  /**
   * One timed run of pods labelled app=name to Running: begun just before the first write,
   * it waits until the watcher has seen them all Running and prints the breakdown.
   */
  record Pipeline(KubernetesClient client, String name, long rev0,
      Map<String, Double> requests0, ThreadCpu cpu0, long start) {
    static Pipeline begin(KubernetesClient client, String name) {
      return new Pipeline(client, name, revision(client), BREAKDOWN ? requestCounts() : null,
          BREAKDOWN ? ThreadCpu.now() : null, System.nanoTime());
    }

    /** {@code failure}: a write of the run that failed, which ends the wait at once. */
    Run awaitRunning(Watcher watcher, java.util.function.Supplier<Throwable> failure)
        throws InterruptedException {
      long deadline = start + TimeUnit.MINUTES.toNanos(10);
      long created = 0;
      long bound = 0;
      while (System.nanoTime() < deadline) {
        if (failure.get() != null) {
          throw new IllegalStateException("a write of " + name + " failed", failure.get());
        }
        if (created == 0 && watcher.created(name) >= PODS) {
          created = System.nanoTime();
        }
        if (bound == 0 && watcher.bound(name) >= PODS) {
          bound = System.nanoTime();
        }
        if (watcher.running(name) >= PODS) {
          break;
        }
        Thread.sleep(2);
      }
      long end = System.nanoTime();
      if (watcher.running(name) < PODS) {
        throw new IllegalStateException("only " + watcher.running(name) + " pods of " + name
            + " Running");
      }
      if (BREAKDOWN) {
        System.out.println("  " + name + " timeline (ms after the first write, n-th pod seen):");
        System.out.println("    created " + watcher.timeline(name, Watcher.CREATED, start));
        System.out.println("    bound   " + watcher.timeline(name, Watcher.BOUND, start));
        System.out.println("    running " + watcher.timeline(name, Watcher.RUNNING, start));
        ThreadCpu cpu1 = ThreadCpu.now();
        System.out.println("  " + name + " API requests per pod: "
            + requestsPerPod(requests0, requestCounts()));
        System.out.println("  " + name + " cpu ms/pod by thread: "
            + cpu1.perObjectByGroup(cpu0, PODS, 40));
        System.out.println("  " + name + " allocated KiB/pod by thread: "
            + cpu1.allocatedPerObjectByGroup(cpu0, PODS, 12));
      }
      double writes = (revision(client) - rev0) / (double) PODS;
      return new Run(TimeUnit.NANOSECONDS.toMillis((created == 0 ? end : created) - start),
          TimeUnit.NANOSECONDS.toMillis((bound == 0 ? end : bound) - start),
          TimeUnit.NANOSECONDS.toMillis(end - start), writes);
    }
  }

  static void waitUntil(BooleanSupplier done, int seconds, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Counts, per ReplicaSet (label app), the pods ever seen and those seen Running. */
  static final class Watcher implements AutoCloseable {
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> running = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bound = new ConcurrentHashMap<>();
    /** First time (nanoTime) each pod was seen created, bound, Running, by state then name. */
    private final List<Map<String, Long>> firstSeen = List.of(new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    static final int CREATED = 0;
    static final int BOUND = 1;
    static final int RUNNING = 2;
    private final SharedIndexInformer<Pod> informer;

    Watcher(KubernetesClient client) {
      informer = client.pods().inNamespace("bench").inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(Pod p) {
          handle(p);
        }

        @Override
        public void onUpdate(Pod old, Pod p) {
          handle(p);
        }

        @Override
        public void onDelete(Pod p, boolean unknown) {}
      }, 0);
    }

    private void handle(Pod p) {
      String app = p.getMetadata().getLabels().get("app");
      String name = p.getMetadata().getName();
      long now = System.nanoTime();
      firstSeen.get(CREATED).putIfAbsent(name, now);
      seen.computeIfAbsent(app, k -> ConcurrentHashMap.newKeySet()).add(name);
      if (p.getSpec().getNodeName() != null) {
        firstSeen.get(BOUND).putIfAbsent(name, now);
        bound.computeIfAbsent(app, k -> ConcurrentHashMap.newKeySet()).add(name);
      }
      if (p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
        firstSeen.get(RUNNING).putIfAbsent(name, now);
        running.computeIfAbsent(app, k -> ConcurrentHashMap.newKeySet()).add(name);
      }
    }

    /**
     * "n:ms" for the n-th pod of the set reaching the state, n at the ends of the slow-start
     * batches of each sync of 500 (1, 3, 7, … 500, then 501, 503, … 1000).
     */
    String timeline(String app, int state, long start) {
      Set<String> names = seen.getOrDefault(app, Set.of());
      long[] times = names.stream().map(firstSeen.get(state)::get).filter(t -> t != null)
          .mapToLong(t -> t - start).sorted().toArray();
      StringBuilder b = new StringBuilder();
      for (int base = 0; base < times.length; base += 500) {
        for (int end = 1; ; end = end * 2 + 1) {
          int n = Math.min(base + end, Math.min(base + 500, times.length));
          b.append(n).append(':').append(TimeUnit.NANOSECONDS.toMillis(times[n - 1])).append(' ');
          if (n == Math.min(base + 500, times.length)) {
            break;
          }
        }
      }
      return b.toString().strip();
    }

    int created(String app) {
      return seen.getOrDefault(app, Set.of()).size();
    }

    int bound(String app) {
      return bound.getOrDefault(app, Set.of()).size();
    }

    int running(String app) {
      return running.getOrDefault(app, Set.of()).size();
    }

    long present(String app) {
      return informer.getStore().list().stream()
          .filter(p -> app.equals(p.getMetadata().getLabels().get("app"))).count();
    }

    @Override
    public void close() {
      informer.close();
    }
  }
}
