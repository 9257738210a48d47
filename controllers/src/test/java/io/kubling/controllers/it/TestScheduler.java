package io.kubling.controllers.it;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TEST STAND-IN for the scheduler, until the real one lands: binds pending pods round-robin
 * (POST bindings) to nodes that are not cordoned and carry no NoSchedule or NoExecute taint.
 */
public final class TestScheduler implements AutoCloseable {
  private final KubernetesClient client;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Node> nodes;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService work = Executors.newFixedThreadPool(8);
  private final AtomicLong next = new AtomicLong();
  private final Thread loop;
  private volatile boolean stopped;

  public TestScheduler(KubernetesClient client) {
    this.client = client;
    this.pods = client.pods().inAnyNamespace().inform();
    this.nodes = client.nodes().inform();
    this.loop = new Thread(this::run, "test-scheduler");
    loop.setDaemon(true);
    loop.start();
  }

  private void run() {
    while (!stopped) {
      try {
        List<String> fit = nodes.getStore().list().stream().filter(TestScheduler::schedulable)
            .map(n -> n.getMetadata().getName()).sorted(Comparator.naturalOrder()).toList();
        for (Pod p : pods.getStore().list()) {
          String key = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
          boolean pending = (p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty())
              && p.getMetadata().getDeletionTimestamp() == null;
          if (pending && !fit.isEmpty() && inFlight.add(key)) {
            String node = fit.get((int) (next.getAndIncrement() % fit.size()));
            work.submit(() -> {
              try {
                client.bindings().inNamespace(p.getMetadata().getNamespace())
                    .resource(new BindingBuilder().withNewMetadata()
                        .withName(p.getMetadata().getName()).endMetadata()
                        .withNewTarget().withKind("Node").withName(node).endTarget().build())
                    .create();
              } catch (RuntimeException e) {
                // next pass
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
        // keep scheduling
      }
    }
  }

  static boolean schedulable(Node n) {
    if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
      return false;
    }
    return n.getSpec() == null || n.getSpec().getTaints() == null
        || n.getSpec().getTaints().stream().noneMatch(
            t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
  }

  @Override
  public void close() {
    stopped = true;
    loop.interrupt();
    work.shutdownNow();
    pods.close();
    nodes.close();
  }
}
