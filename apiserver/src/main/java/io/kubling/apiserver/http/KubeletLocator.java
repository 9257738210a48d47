package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.errors.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides where a pod's logs and exec go: which container, and the kubelet endpoint of the
 * pod's node. Pure functions of the pod and Node objects.
 */
final class KubeletLocator {
  /**
   * Set by a node agent that the API server cannot reach at its InternalIP (nodes as network
   * namespaces on one machine): a loopback host:port relayed to the agent's kubelet socket.
   * Preferred when present; the agent's io.kubling.agent.node.KubeletEndpoints says why.
   */
  static final String ENDPOINT_ANNOTATION = "kubling.io/kubelet-endpoint";
  static final int DEFAULT_KUBELET_PORT = 10250;

  /** A kubelet endpoint. */
  record Endpoint(String host, int port) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  private KubeletLocator() {}

  /** The node the pod is bound to; a pod with none is refused as Kubernetes refuses it. */
  static String nodeName(JsonNode pod, String podName) {
    String node = pod.path("spec").path("nodeName").asText("");
    if (node.isEmpty()) {
      throw ApiException.badRequest("pod " + podName + " does not have a host assigned");
    }
    return node;
  }

  /**
   * The container asked for, or the pod's only one; refused like kube-apiserver when it is
   * missing among several or not in the pod.
   */
  static String container(JsonNode pod, String podName, String asked) {
    List<String> names = new ArrayList<>();
    List<String> all = new ArrayList<>();
    pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
    all.addAll(names);
    pod.path("spec").path("initContainers").forEach(c -> all.add(c.path("name").asText()));
    pod.path("spec").path("ephemeralContainers").forEach(c -> all.add(c.path("name").asText()));
    if (asked == null || asked.isEmpty()) {
      if (names.size() == 1) {
        return names.get(0);
      }
      throw ApiException.badRequest("a container name must be specified for pod " + podName
          + ", choose one of: " + names);
    }
    if (!all.contains(asked)) {
      throw ApiException.badRequest("container " + asked + " is not valid for pod " + podName);
    }
    return asked;
  }

  /** The annotation's endpoint when set, else InternalIP and daemonEndpoints' kubelet port. */
  static Endpoint endpoint(JsonNode node, String nodeName) {
    String annotated = node.path("metadata").path("annotations").path(ENDPOINT_ANNOTATION)
        .asText("");
    if (!annotated.isEmpty()) {
      int colon = annotated.lastIndexOf(':');
      try {
        return new Endpoint(annotated.substring(0, colon).replace("[", "").replace("]", ""),
            Integer.parseInt(annotated.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw ApiException.serviceUnavailable("node " + nodeName + " has a malformed "
            + ENDPOINT_ANNOTATION + " annotation: " + annotated);
      }
    }
    String ip = null;
    for (JsonNode a : node.path("status").path("addresses")) {
      if ("InternalIP".equals(a.path("type").asText())) {
        ip = a.path("address").asText();
        break;
      }
    }
    if (ip == null || ip.isEmpty()) {
      throw ApiException.serviceUnavailable("node " + nodeName
          + " has no InternalIP: its node agent has not reported one yet");
    }
    int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port")
        .asInt(0);
    return new Endpoint(ip, port > 0 ? port : DEFAULT_KUBELET_PORT);
  }

  /** Completed pods cannot be exec'ed into; kubectl checks too, the API server answers the same. */
  static void checkExecutable(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      throw ApiException.badRequest("cannot exec into a container in a completed pod;"
          + " current phase is " + phase);
    }
  }

  static ApiException unreachable(String nodeName, Endpoint e, Throwable t) {
    return new ApiException(502, "InternalError", "the node agent of node " + nodeName + " at "
        + e + " is unreachable: " + t.getMessage(), null, null, null, null, null);
  }
}
