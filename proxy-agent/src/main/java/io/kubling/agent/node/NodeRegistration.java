package io.kubling.agent.node;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.agent.AgentConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the agent's Node and keeps its status (addresses, capacity, nodeInfo, conditions)
 * current, as the kubelet's node status loop does.
 */
public final class NodeRegistration {
  private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);

  private final KubernetesClient client;
  private final AgentConfig config;
  private final NodeSystemInfo info;
  private final Supplier<String> notReady;
  private final Clock clock;
  private volatile String kubeletEndpoint;

  /**
   * @param notReady the reason the node is not ready, or null when it is (e.g. no CNI yet)
   */
  public NodeRegistration(KubernetesClient client, AgentConfig config, NodeSystemInfo info,
      Supplier<String> notReady, Clock clock) {
    this.client = requireNonNull(client, "client should not be null");
    this.config = requireNonNull(config, "config should not be null");
    this.info = requireNonNull(info, "info should not be null");
    this.notReady = requireNonNull(notReady, "notReady should not be null");
    this.clock = requireNonNull(clock, "clock should not be null");
  }

  /**
   * Sets the annotation {@value KubeletEndpoints#ANNOTATION} on the Node: the host:port the API
   * server uses to reach this agent's kubelet API instead of InternalIP:daemonEndpoints port.
   */
  public NodeRegistration kubeletEndpoint(String hostPort) {
    this.kubeletEndpoint = hostPort == null || hostPort.isEmpty() ? null : hostPort;
    return this;
  }

  /**
   * Creates the Node, or takes over an existing one with the same name (an agent restart);
   * when the Node has no podCIDR and the agent was given one, sets it. Returns the Node.
   */
  public Node register() {
    Node existing = client.nodes().withName(config.nodeName()).get();
    if (existing == null) {
      Node node = new NodeBuilder().withNewMetadata().withName(config.nodeName())
          .withLabels(NodeObjects.labels(config.nodeName(), config.labels()))
          .withAnnotations(kubeletEndpoint == null ? null
              : Map.of(KubeletEndpoints.ANNOTATION, kubeletEndpoint)).endMetadata()
          .withNewSpec().withPodCIDR(config.podCidr().isEmpty() ? null : config.podCidr())
          .withPodCIDRs(config.podCidr().isEmpty() ? null : java.util.List.of(config.podCidr()))
          .endSpec().build();
      try {
        existing = client.nodes().resource(node).create();
        log.atInfo().addKeyValue("node", config.nodeName()).log("registered");
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        existing = client.nodes().withName(config.nodeName()).get();
      }
    } else {
      Map<String, String> labels = new HashMap<>(existing.getMetadata().getLabels() == null
          ? Map.of() : existing.getMetadata().getLabels());
      Map<String, String> wanted = NodeObjects.labels(config.nodeName(), config.labels());
      boolean cidrMissing = existing.getSpec() == null || existing.getSpec().getPodCIDR() == null;
      String endpoint = existing.getMetadata().getAnnotations() == null ? null
          : existing.getMetadata().getAnnotations().get(KubeletEndpoints.ANNOTATION);
      boolean endpointChanged = !java.util.Objects.equals(endpoint, kubeletEndpoint);
      if (!labels.entrySet().containsAll(wanted.entrySet()) || endpointChanged
          || (cidrMissing && !config.podCidr().isEmpty())) {
        existing = client.nodes().withName(config.nodeName()).edit(n -> {
          n.getMetadata().setLabels(merge(n.getMetadata().getLabels(), wanted));
          Map<String, String> a = new HashMap<>(n.getMetadata().getAnnotations() == null
              ? Map.of() : n.getMetadata().getAnnotations());
          if (kubeletEndpoint == null) {
            a.remove(KubeletEndpoints.ANNOTATION);
          } else {
            a.put(KubeletEndpoints.ANNOTATION, kubeletEndpoint);
          }
          n.getMetadata().setAnnotations(a);
          if (cidrMissing && !config.podCidr().isEmpty()) {
            n.getSpec().setPodCIDR(config.podCidr());
            n.getSpec().setPodCIDRs(java.util.List.of(config.podCidr()));
          }
          return n;
        });
      }
      log.atInfo().addKeyValue("node", config.nodeName()).log("node exists; taking it over");
    }
    return firstStatus(existing);
  }

  // A new Node is written by others at once (node IPAM sets spec.podCIDR), so the first status
  // write can meet a conflict; retried on a fresh copy, a few times, as the kubelet does.
  private Node firstStatus(Node node) {
    for (int attempt = 1; ; attempt++) {
      try {
        return updateStatus(node);
      } catch (KubernetesClientException e) {
        Node latest = e.getCode() == 409 && attempt < 5
            ? client.nodes().withName(config.nodeName()).get() : null;
        if (latest == null) {
          throw e;
        }
        node = latest;
      }
    }
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new HashMap<>(a == null ? Map.of() : a);
    m.putAll(b);
    return m;
  }

  /** Writes the Node's status now; called every --node-status-update-frequency. */
  public Node updateStatus() {
    Node current = client.nodes().withName(config.nodeName()).get();
    if (current == null) {
      // Deleted under us (kubectl delete node): register again, as the kubelet does.
      return register();
    }
    return updateStatus(current);
  }

  private Node updateStatus(Node current) {
    String reason = notReady.get();
    NodeStatus status = NodeObjects.status(config.nodeName(), config.nodeIp(), config.capacity(),
        info, reason == null, reason,
        current.getStatus() == null ? null : current.getStatus().getConditions(), clock.instant());
    if (config.agentPort() > 0) {
      status.setDaemonEndpoints(new io.fabric8.kubernetes.api.model.NodeDaemonEndpoints(
          new io.fabric8.kubernetes.api.model.DaemonEndpoint(config.agentPort())));
    }
    Node copy = new NodeBuilder(current).withStatus(status).build();
    copy.getMetadata().setResourceVersion(null);
    return client.nodes().resource(copy).updateStatus();
  }
}
