package io.kubling.e2e.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.e2e.secure.Identity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * STAND-IN for the kubelet of some nodes, until kubling's node agent exists; replace it with
 * the real one then. It plays only what kubectl waits for: a pod bound to one of its nodes is
 * reported Running and Ready (IPs, conditions, container statuses), each node gets its
 * lease (once, not renewed), and a pod marked for deletion is deleted with
 * gracePeriodSeconds=0, as the kubelet does once the containers stopped.
 * Everything else (eviction, grace periods, finalizers) is the API server's own work.
 */
final class FakeKubelet implements AutoCloseable {
  /** Each node's own credentials (system:node:name), so the Node authorizer sees it all. */
  private final Map<String, Api> apis = new ConcurrentHashMap<>();
  private final Map<String, String> hostIps = new ConcurrentHashMap<>();
  private final Map<String, Integer> nodeIndex = new ConcurrentHashMap<>();
  private final AtomicInteger nextIp = new AtomicInteger(10);
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final WatchLoop watch;

  private FakeKubelet(KubectlCluster k, String... nodes) {
    for (int i = 0; i < nodes.length; i++) {
      Api api = k.api(Identity.node(nodes[i]));
      apis.put(nodes[i], api);
      JsonNode node = api.object("/api/v1/nodes/" + nodes[i]);
      for (JsonNode a : node.path("status").path("addresses")) {
        if (a.path("type").asText().equals("InternalIP")) {
          hostIps.put(nodes[i], a.path("address").asText());
        }
      }
      nodeIndex.put(nodes[i], i + 1);
      // The node's heartbeat lease, which describe node shows.
      api.post("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", """
          {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"%s"},
           "spec":{"holderIdentity":"%1$s","leaseDurationSeconds":40,"renewTime":"%s"}}"""
          .formatted(nodes[i], Instant.now().truncatedTo(ChronoUnit.MICROS))).ok();
    }
    // A kubelet watches the pods bound to it; one watch serves all of these nodes.
    this.watch = WatchLoop.start(apis.get(nodes[0]), "/api/v1/pods", this::sync,
        "fake-kubelet");
  }

  /** Starts playing the kubelet of these nodes (Node objects with an InternalIP). */
  static FakeKubelet start(KubectlCluster k, String... nodes) {
    return new FakeKubelet(k, nodes);
  }

  private void sync(JsonNode pod) {
    String node = pod.path("spec").path("nodeName").asText();
    if (!nodeIndex.containsKey(node)) {
      return;
    }
    Api api = apis.get(node);
    JsonNode meta = pod.path("metadata");
    String path = "/api/v1/namespaces/" + meta.path("namespace").asText() + "/pods/"
        + meta.path("name").asText();
    if (meta.has("deletionTimestamp")) {
      api.delete(path, """
          {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,
           "preconditions":{"uid":"%s"}}""".formatted(meta.path("uid").asText()));
    } else if (!started.contains(meta.path("uid").asText())) {
      api.patch(path + "/status", "application/merge-patch+json",
          Api.JSON.createObjectNode().set("status", running(pod, node)).toString()).ok();
      started.add(meta.path("uid").asText());
    }
  }

  private ObjectNode running(JsonNode pod, String node) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String podIp = "10.244." + nodeIndex.get(node) + "." + nextIp.getAndIncrement();
    String hostIp = hostIps.getOrDefault(node, "");
    ObjectNode s = Api.JSON.createObjectNode();
    s.put("phase", "Running");
    ArrayNode conditions = s.putArray("conditions");
    for (String type : new String[] {"PodReadyToStartContainers", "Initialized", "Ready",
        "ContainersReady", "PodScheduled"}) {
      conditions.addObject().put("type", type).put("status", "True")
          .put("lastTransitionTime", now);
    }
    s.put("hostIP", hostIp);
    s.putArray("hostIPs").addObject().put("ip", hostIp);
    s.put("podIP", podIp);
    s.putArray("podIPs").addObject().put("ip", podIp);
    s.put("startTime", now);
    ArrayNode statuses = s.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      ObjectNode cs = statuses.addObject();
      cs.put("name", c.path("name").asText());
      cs.put("image", c.path("image").asText());
      cs.put("imageID", "");
      cs.put("containerID", "containerd://" + pod.path("metadata").path("uid").asText());
      cs.put("ready", true);
      cs.put("started", true);
      cs.put("restartCount", 0);
      cs.putObject("state").putObject("running").put("startedAt", now);
    }
    return s;
  }

  @Override
  public void close() {
    watch.close();
  }
}
