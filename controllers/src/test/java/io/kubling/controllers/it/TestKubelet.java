package io.kubling.controllers.it;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST STAND-IN for the node agent, until the real one lands: registers nodes, renews their
 * Leases in kube-node-lease, turns pods bound to a live node Running and Ready with a pod IP,
 * and finishes deleting pods marked for deletion (gracePeriodSeconds=0). A silenced node does
 * none of this, like a node that lost its network.
 */
public final class TestKubelet implements AutoCloseable {
  private final KubernetesClient client;
  private final Set<String> live = ConcurrentHashMap.newKeySet();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> nodeIndex = new ConcurrentHashMap<>();
  private final AtomicInteger ips = new AtomicInteger();
  private final SharedIndexInformer<Pod> pods;
  private final ExecutorService work = Executors.newFixedThreadPool(8);
  private final Thread loop;
  private volatile boolean stopped;

  public TestKubelet(KubernetesClient client) {
    this.client = client;
    this.pods = client.pods().inAnyNamespace().inform();
    this.loop = new Thread(this::run, "test-kubelet");
    loop.setDaemon(true);
    loop.start();
  }

  /** Registers the node (Ready) and starts heartbeating for it. */
  public void addNode(String name, Map<String, String> labels) {
    nodeIndex.putIfAbsent(name, nodeIndex.size() + 1);
    Node node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().build();
    try {
      client.nodes().resource(node).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    live.add(name);
    postReady(name);
  }

  public void addNode(String name) {
    addNode(name, Map.of("kubernetes.io/hostname", name));
  }

  /** The node stops heartbeating and stops running pods; its Node object stays. */
  public void silence(String name) {
    live.remove(name);
  }

  public void resume(String name) {
    live.add(name);
    postReady(name);
  }

  /** The node leaves the cluster: heartbeats stop and its Node object is deleted. */
  public void removeNode(String name) {
    live.remove(name);
    client.nodes().withName(name).delete();
  }

  public boolean isLive(String node) {
    return live.contains(node);
  }

  private void run() {
    long lastBeat = 0;
    while (!stopped) {
      try {
        long now = System.currentTimeMillis();
        if (now - lastBeat > 500) {
          lastBeat = now;
          for (String n : live) {
            work.submit(() -> heartbeat(n));
          }
        }
        for (Pod p : pods.getStore().list()) {
          String node = p.getSpec().getNodeName();
          if (node == null || !live.contains(node)) {
            continue;
          }
          String key = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
          boolean marked = p.getMetadata().getDeletionTimestamp() != null;
          boolean running = "Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase());
          if ((marked || !running) && inFlight.add(key)) {
            work.submit(() -> {
              try {
                if (marked) {
                  client.pods().inNamespace(p.getMetadata().getNamespace())
                      .withName(p.getMetadata().getName()).withGracePeriod(0).delete();
                } else {
                  start(p, node);
                }
              } catch (RuntimeException e) {
                // the next pass tries again
              } finally {
                inFlight.remove(key);
              }
            });
          }
        }
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // keep playing the node
      }
    }
  }

  private void start(Pod p, String node) {
    String now = now();
    int n = ips.incrementAndGet();
    Pod running = new PodBuilder(p).editOrNewStatus().withPhase("Running")
        .withPodIP("10.244." + nodeIndex.getOrDefault(node, 0) + "." + (n % 250 + 2))
        .withHostIP("127.0.0." + nodeIndex.getOrDefault(node, 0))
        .withStartTime(now)
        .withConditions(
            new PodConditionBuilder().withType("Ready").withStatus("True")
                .withLastTransitionTime(now).build(),
            new PodConditionBuilder().withType("PodScheduled").withStatus("True")
                .withLastTransitionTime(now).build())
        .endStatus().build();
    client.pods().inNamespace(p.getMetadata().getNamespace()).resource(running).updateStatus();
  }

  private void heartbeat(String node) {
    try {
      Lease lease = new LeaseBuilder().withNewMetadata().withName(node)
          .withNamespace("kube-node-lease").endMetadata().withNewSpec().withHolderIdentity(node)
          .withLeaseDurationSeconds(40).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
          .endSpec().build();
      Lease existing = client.leases().inNamespace("kube-node-lease").withName(node).get();
      if (existing == null) {
        client.leases().inNamespace("kube-node-lease").resource(lease).create();
      } else {
        existing.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
        client.leases().inNamespace("kube-node-lease").resource(existing).update();
      }
      Node n = client.nodes().withName(node).get();
      if (n != null && !ready(n)) {
        postReady(node);
      }
    } catch (RuntimeException e) {
      // next beat
    }
  }

  private static boolean ready(Node n) {
    return n.getStatus() != null && n.getStatus().getConditions() != null
        && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void postReady(String name) {
    Node n = client.nodes().withName(name).get();
    if (n == null) {
      return;
    }
    NodeCondition ready = new NodeConditionBuilder().withType("Ready").withStatus("True")
        .withReason("KubeletReady").withLastHeartbeatTime(now()).withLastTransitionTime(now())
        .build();
    n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder(n.getStatus())
        .withConditions(List.of(ready)).build());
    try {
      client.nodes().resource(n).updateStatus();
    } catch (KubernetesClientException e) {
      // a conflict: the next heartbeat tries again
    }
  }

  static String now() {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  @Override
  public void close() {
    stopped = true;
    loop.interrupt();
    work.shutdownNow();
    pods.close();
  }
}
