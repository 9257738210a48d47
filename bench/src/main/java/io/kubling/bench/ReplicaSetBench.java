package io.kubling.bench;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import io.kubling.component.config.ComponentOptions;
import io.kubling.controllers.ControllerManager;
import io.kubling.controllers.ControllerManagerOptions;
import io.kubling.testkit.EtcdServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * ReplicaSet 0 → 1,000 Running with a fake binder and a fake kubelet that starts pods at
 * once, beside the API server's raw pod create rate (64 clients) on the same etcd. Prints
 * time until all are Running, pods/s, and the ratio (goal ≥ 0.8).
 */
public final class ReplicaSetBench {
  static final int PODS = Integer.getInteger("bench.pods", 1000);
  static final int CLIENTS = 64;
  static final int NODES = 10;

  public static void main(String[] args) throws Exception {
    try (EtcdServer etcd = EtcdServer.start("bench-replicaset")) {
      ApiServer server = new ApiServer(ApiServerOptions.defaults(etcd.clientEndpoints())
          .withPort(0)).start().get(60, TimeUnit.SECONDS);
      try (KubernetesClient client = KubeClients.forMaster(server.url(),
          ClientSettings.defaults("bench"))) {
        for (String ns : List.of("raw", "bench")) {
          client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
              .endMetadata().build()).create();
        }
        for (int i = 0; i < NODES; i++) {
          client.nodes().resource(new NodeBuilder().withNewMetadata().withName("fake-" + i)
              .endMetadata().build()).create();
        }
        double raw = rawCreateRate(client);
        RunResult rs = replicaSetRun(client, server.url());
        double rate = PODS / (rs.took().toMillis() / 1000.0);
        System.out.printf("raw API server pod creates (%d clients): %d pods in %d ms = %.0f pods/s%n",
            CLIENTS, PODS, rs.rawMillis, raw);
        System.out.printf("ReplicaSet 0 -> %d Running (create + bind + status per pod): %d ms = %.0f pods/s%n",
            PODS, rs.took().toMillis(), rate);
        System.out.printf("ratio (ReplicaSet pods/s ÷ raw create pods/s): %.2f (goal >= 0.8)%n",
            rate / raw);
        double createRate = PODS / (createdMillis / 1000.0);
        System.out.printf("of which the controller's creates alone: all %d created after %d ms = %.0f pods/s"
            + " (%.2f of raw)%n", PODS, createdMillis, createRate, createRate / raw);
      } finally {
        server.close();
      }
    }
    System.exit(0);
  }

  record RunResult(Duration took, long rawMillis) {}

  static long rawMillis;
  static long createdMillis;

  static double rawCreateRate(KubernetesClient client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    // warm-up: a few creates so connections exist
    for (int i = 0; i < CLIENTS; i++) {
      client.pods().inNamespace("raw").resource(pod("warm-" + i)).create();
    }
    long start = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      String name = "raw-" + i;
      fs.add(pool.submit(() -> client.pods().inNamespace("raw").resource(pod(name)).create()));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    rawMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    pool.shutdown();
    return PODS / (rawMillis / 1000.0);
  }

  static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "raw")
        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("pause")
        .endContainer().endSpec().build();
  }

  static RunResult replicaSetRun(KubernetesClient client, String url) throws Exception {
    ComponentOptions c = ComponentOptions.defaults(ControllerManagerOptions.NAME, 0)
        .withMaster(url).withHealthz("127.0.0.1", 0);
    c = c.withLeaderElection(c.leaderElection().withLeaderElect(false));
    ControllerManagerOptions o = ControllerManagerOptions.defaults(c)
        .withControllers(List.of("replicaset")).withApiServerUrl(url);
    try (KubernetesClient cmClient = KubeClients.forMaster(url, ClientSettings.defaults("cm"));
         KubernetesClient nodeClient = KubeClients.forMaster(url, ClientSettings.defaults("fake"));
         ControllerManager cm = new ControllerManager(o, cmClient, "bench").start()) {
      CountDownLatch running = new CountDownLatch(PODS);
      CountDownLatch created = new CountDownLatch(PODS);
      Set<String> seen = ConcurrentHashMap.newKeySet();
      Set<String> seenRunning = ConcurrentHashMap.newKeySet();
      Set<String> bound = ConcurrentHashMap.newKeySet();
      Set<String> started = ConcurrentHashMap.newKeySet();
      ExecutorService work = Executors.newFixedThreadPool(CLIENTS);
      SharedIndexInformer<Pod> pods = nodeClient.pods().inNamespace("bench").inform(
          new ResourceEventHandler<Pod>() {
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

            private void handle(Pod p) {
              String name = p.getMetadata().getName();
              if (seen.add(name)) {
                created.countDown();
              }
              String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
              if ("Running".equals(phase)) {
                if (seenRunning.add(name)) {
                  running.countDown();
                }
              } else if (p.getSpec().getNodeName() == null) {
                if (bound.add(name)) { // fake binder: round robin by hash
                  String node = "fake-" + Math.floorMod(name.hashCode(), NODES);
                  work.submit(() -> nodeClient.bindings().inNamespace("bench").resource(
                      new BindingBuilder().withNewMetadata().withName(name).endMetadata()
                          .withNewTarget().withKind("Node").withName(node).endTarget().build())
                      .create());
                }
              } else if (started.add(name)) { // fake kubelet: Running and Ready at once
                work.submit(() -> {
                  String now = Instant.now().toString();
                  nodeClient.pods().inNamespace("bench").resource(new PodBuilder(p)
                      .editOrNewStatus().withPhase("Running").withPodIP("10.244.0.1")
                      .withConditions(new PodConditionBuilder().withType("Ready")
                          .withStatus("True").withLastTransitionTime(now).build())
                      .endStatus().build()).updateStatus();
                });
              }
            }
          }, 0);
      client.apps().replicaSets().inNamespace("bench").resource(new ReplicaSetBuilder()
          .withNewMetadata().withName("bench").endMetadata().withNewSpec().withReplicas(0)
          .withNewSelector().addToMatchLabels("app", "bench").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "bench").endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("pause").endContainer()
          .endSpec().endTemplate().endSpec().build()).create();
      Thread.sleep(1000); // let the controller see the empty set first
      long start = System.nanoTime();
      client.apps().replicaSets().inNamespace("bench").withName("bench").scale(PODS);
      created.await(10, TimeUnit.MINUTES);
      createdMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (!running.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + seenRunning.size() + " pods Running");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      pods.close();
      work.shutdownNow();
      return new RunResult(took, rawMillis);
    }
  }
}
