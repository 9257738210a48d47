package io.kubling.cli.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Waits for Nodes to turn Ready and says so, one line per node, as each does. */
public final class NodeReadiness {
  private NodeReadiness() {}

  /**
   * Polls until every named Node is Ready or {@code atMost} has passed; a node that is not
   * Ready by then is reported with where to look, and the caller carries on.
   *
   * @return whether all turned Ready
   */
  public static boolean await(KubernetesClient client, List<String> names, Duration atMost,
      java.util.function.Function<String, String> logOf, Consumer<String> events)
      throws InterruptedException {
    List<String> waiting = new ArrayList<>(names);
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      for (String name : List.copyOf(waiting)) {
        Node n = get(client, name);
        if (n != null && ready(n)) {
          waiting.remove(name);
          events.accept("node " + name + " ready (InternalIP " + internalIp(n) + ", pod CIDR "
              + n.getSpec().getPodCIDR() + ")");
        }
      }
      if (!waiting.isEmpty()) {
        Thread.sleep(500);
      }
    }
    for (String name : waiting) {
      events.accept("node " + name + " is not Ready after " + atMost.toSeconds()
          + "s; see " + logOf.apply(name));
    }
    return waiting.isEmpty();
  }

  private static Node get(KubernetesClient client, String name) {
    try {
      return client.nodes().withName(name).get();
    } catch (RuntimeException e) {
      return null; // the API server may be busy starting; look again
    }
  }

  static boolean ready(Node n) {
    return n.getStatus() != null && n.getStatus().getConditions() != null
        && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String internalIp(Node n) {
    return n.getStatus().getAddresses() == null ? "?" : n.getStatus().getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress)
        .findFirst().orElse("?");
  }
}
