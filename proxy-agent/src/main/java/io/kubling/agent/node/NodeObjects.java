package io.kubling.agent.node;

import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure builders of a Node's labels and status, as the kubelet reports them. */
public final class NodeObjects {
  /** The kubelet version kubling's agent reports. */
  public static final String KUBELET_VERSION = "v1.32.0-kubling";

  /** The conditions a kubelet keeps, besides Ready, all False while the node is healthy. */
  static final List<String[]> PRESSURE = List.of(
      new String[] {"MemoryPressure", "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available"},
      new String[] {"DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
      new String[] {"PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"});

  private NodeObjects() {}

  /** The labels a kubelet puts on its Node, plus the configured ones. */
  public static Map<String, String> labels(String nodeName, Map<String, String> extra) {
    Map<String, String> labels = new TreeMap<>(extra);
    labels.put("kubernetes.io/hostname", nodeName);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", NodeObjects.arch(System.getProperty("os.arch")));
    return labels;
  }

  /** Go's GOARCH for a Java os.arch. */
  static String arch(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> javaArch;
    };
  }

  /**
   * The Node status to write: addresses, capacity, nodeInfo and conditions. A condition's
   * lastTransitionTime is kept from {@code previous} while its status does not change.
   */
  public static NodeStatus status(String nodeName, String nodeIp, Map<String, String> capacity,
      NodeSystemInfo info, boolean ready, String notReadyMessage, List<NodeCondition> previous,
      Instant now) {
    Map<String, Quantity> cap = new LinkedHashMap<>();
    new TreeMap<>(capacity).forEach((k, v) -> cap.put(k, new Quantity(v)));
    List<NodeCondition> conditions = new ArrayList<>();
    for (String[] p : PRESSURE) {
      conditions.add(condition(p[0], "False", p[1], p[2], previous, now));
    }
    conditions.add(ready
        ? condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", previous, now)
        : condition("Ready", "False", "KubeletNotReady", notReadyMessage, previous, now));
    NodeStatus status = new NodeStatus();
    status.setAddresses(List.of(new NodeAddress(nodeIp, "InternalIP"),
        new NodeAddress(nodeName, "Hostname")));
    status.setCapacity(cap);
    status.setAllocatable(new LinkedHashMap<>(cap));
    status.setNodeInfo(info);
    status.setConditions(conditions);
    return status;
  }

  static NodeCondition condition(String type, String status, String reason, String message,
      List<NodeCondition> previous, Instant now) {
    String transition = now.toString();
    for (NodeCondition p : previous == null ? List.<NodeCondition>of() : previous) {
      if (type.equals(p.getType()) && status.equals(p.getStatus())
          && p.getLastTransitionTime() != null) {
        transition = p.getLastTransitionTime();
      }
    }
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withLastHeartbeatTime(now.toString())
        .withLastTransitionTime(transition).build();
  }

  /** nodeInfo for this machine; the runtime names itself in containerRuntimeVersion. */
  public static NodeSystemInfo systemInfo(String runtimeVersion, String osImage, String machineId) {
    return new NodeSystemInfoBuilder()
        .withArchitecture(arch(System.getProperty("os.arch")))
        .withOperatingSystem("linux")
        .withKernelVersion(System.getProperty("os.version"))
        .withOsImage(osImage)
        .withContainerRuntimeVersion(runtimeVersion)
        .withKubeletVersion(KUBELET_VERSION)
        .withKubeProxyVersion(KUBELET_VERSION)
        .withMachineID(machineId).withSystemUUID(machineId).withBootID(machineId)
        .build();
  }

  /** PRETTY_NAME from an os-release text, as the kubelet reads /etc/os-release. */
  public static String osImage(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        return line.substring("PRETTY_NAME=".length()).replaceAll("^\"|\"$", "");
      }
    }
    return "Unknown";
  }
}
