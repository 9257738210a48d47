package io.kubling.bench;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentMain;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.testkit.EtcdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One agent process (its own JVM, fake runtime) holding 5,000 pods on 100 fake nodes: prints
 * the agent's memory per pod (RSS and heap after GC, before and after) and the rate at which
 * it turned bound pods Running (status updates per second), beside the API server's bind rate.
 */
public final class FakeAgentBench {
  static final int NODES = Integer.getInteger("nodes", 100);
  static final int PODS = Integer.getInteger("pods", 5000);

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("kubling-fake-agent-bench");
    try (EtcdServer etcd = EtcdServer.start("fake-agent-bench")) {
      ApiServer server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints())
          .withPort(0)).start().get(60, TimeUnit.SECONDS);
      Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
          AgentMain.class.getName(), "--master", server.url(), "--node-name", "fake",
          "--fake-nodes", String.valueOf(NODES), "--data-dir", data.toString(),
          "--node-status-update-frequency", "60s")
          .redirectErrorStream(true).redirectOutput(data.resolve("agent.log").toFile()).start();
      try (KubernetesClient client = KubeClients.forMaster(server.url(),
          ClientSettings.defaults("bench"))) {
        waitFor(() -> client.nodes().list().getItems().size() >= NODES, 300);
        Thread.sleep(3000);
        long rss0 = rssKb(agent.pid());
        long heap0 = heapAfterGcKb(agent.pid());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        AtomicInteger created = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < PODS; i++) {
          int n = i;
          pool.submit(() -> {
            Pod p = client.pods().inNamespace("default").resource(new PodBuilder()
                .withNewMetadata().withName("bench-" + n).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage("nginx").endContainer().endSpec()
                .build()).create();
            Binding b = new BindingBuilder().withNewMetadata().withName(p.getMetadata().getName())
                .withNamespace("default").endMetadata().withNewTarget().withKind("Node")
                .withName("fake-" + (n % NODES)).endTarget().build();
            client.bindings().inNamespace("default").resource(b).create();
            created.incrementAndGet();
            return null;
          });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double bindSeconds = (System.nanoTime() - t0) / 1e9;
        waitFor(() -> running(client) >= PODS, 1800);
        double allSeconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(3000);
        long rss1 = rssKb(agent.pid());
        long heap1 = heapAfterGcKb(agent.pid());
        System.out.printf("fake agent: %d pods on %d fake nodes, one process%n", PODS, NODES);
        System.out.printf("  create+bind rate (API server, 32 clients): %.0f pods/s%n",
            created.get() / bindSeconds);
        System.out.printf("  Running rate (agent status updates):      %.0f pods/s (%.1f s to all Running)%n",
            PODS / allSeconds, allSeconds);
        System.out.printf("  ratio Running rate / bind rate:           %.2f%n",
            (PODS / allSeconds) / (created.get() / bindSeconds));
        System.out.printf("  agent RSS:  %d MiB -> %d MiB, %.1f KiB per pod%n", rss0 / 1024,
            rss1 / 1024, (rss1 - rss0) / (double) PODS);
        System.out.printf("  agent heap after GC: %d MiB -> %d MiB, %.1f KiB per pod%n",
            heap0 / 1024, heap1 / 1024, (heap1 - heap0) / (double) PODS);
      } finally {
        agent.destroy();
        agent.waitFor(30, TimeUnit.SECONDS);
        agent.destroyForcibly();
        server.close();
      }
    } finally {
      try (var walk = Files.walk(data)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  static long running(KubernetesClient client) {
    return client.pods().inNamespace("default").list().getItems().stream()
        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
        .count();
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check c, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.ok()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(500);
    }
  }

  static long rssKb(long pid) throws Exception {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  /** Used heap after a full GC, from jcmd GC.heap_info after GC.run. */
  static long heapAfterGcKb(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").start().waitFor();
    Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    for (String l : out.split("\n")) {
      if (l.contains("used") && (l.contains("total") || l.contains("garbage-first"))) {
        var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(l);
        if (m.find()) {
          return Long.parseLong(m.group(1));
        }
      }
    }
    return -1;
  }

}
