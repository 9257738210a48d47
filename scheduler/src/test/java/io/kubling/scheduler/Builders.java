package io.kubling.scheduler;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small builders of Nodes and Pods for the scheduler's tests. */
public final class Builders {
  private Builders() {}

  /** A Ready node with 4 cpu, 8Gi memory and room for 110 pods. */
  public static NodeSpec node(String name) {
    return new NodeSpec(name);
  }

  public static PodSpec pod(String name) {
    return new PodSpec(name);
  }

  public static NodeSelectorRequirement req(String key, String op, String... values) {
    return new NodeSelectorRequirement(key, op, List.of(values));
  }

  public static NodeSelectorTerm term(NodeSelectorRequirement... reqs) {
    return new NodeSelectorTerm(List.of(reqs), null);
  }

  public static Toleration toleration(String key, String op, String value, String effect) {
    return new Toleration(effect, key, op, null, value);
  }

  /** A node under construction. */
  public static final class NodeSpec {
    private final String name;
    private final Map<String, String> labels = new HashMap<>();
    private final List<Taint> taints = new ArrayList<>();
    private String cpu = "4";
    private String memory = "8Gi";
    private String pods = "110";
    private boolean unschedulable;
    private String ready = "True";

    NodeSpec(String name) {
      this.name = name;
    }

    public NodeSpec label(String k, String v) {
      labels.put(k, v);
      return this;
    }

    public NodeSpec taint(String key, String value, String effect) {
      taints.add(new Taint(effect, key, null, value));
      return this;
    }

    public NodeSpec resources(String cpu, String memory, String pods) {
      this.cpu = cpu;
      this.memory = memory;
      this.pods = pods;
      return this;
    }

    public NodeSpec unschedulable() {
      unschedulable = true;
      return this;
    }

    public NodeSpec ready(String status) {
      ready = status;
      return this;
    }

    public Node build() {
      Map<String, Quantity> alloc = Map.of("cpu", new Quantity(cpu), "memory",
          new Quantity(memory), "pods", new Quantity(pods));
      List<io.fabric8.kubernetes.api.model.NodeCondition> conditions = ready == null ? List.of()
          : List.of(new NodeConditionBuilder().withType("Ready").withStatus(ready)
              .withReason("KubeletReady").build());
      return new NodeBuilder().withNewMetadata().withName(name)
          .addToLabels("kubernetes.io/hostname", name).addToLabels(labels).endMetadata()
          .withNewSpec().withTaints(taints).withUnschedulable(unschedulable ? true : null)
          .endSpec()
          .withNewStatus().withCapacity(alloc).withAllocatable(alloc).withConditions(conditions)
          .endStatus().build();
    }
  }

  /** A pod under construction. */
  public static final class PodSpec {
    private final String name;
    private String namespace = "default";
    private final Map<String, String> requests = new HashMap<>();
    private final Map<String, String> nodeSelector = new HashMap<>();
    private final List<Toleration> tolerations = new ArrayList<>();
    private final List<NodeSelectorTerm> required = new ArrayList<>();
    private final List<PreferredSchedulingTerm> preferred = new ArrayList<>();
    private final List<Integer> hostPorts = new ArrayList<>();
    private String schedulerName;
    private String ownerUid;
    private String nodeName;
    private Integer priority;

    PodSpec(String name) {
      this.name = name;
    }

    public PodSpec namespace(String ns) {
      namespace = ns;
      return this;
    }

    public PodSpec cpu(String q) {
      requests.put("cpu", q);
      return this;
    }

    public PodSpec memory(String q) {
      requests.put("memory", q);
      return this;
    }

    public PodSpec nodeSelector(String k, String v) {
      nodeSelector.put(k, v);
      return this;
    }

    public PodSpec tolerate(Toleration t) {
      tolerations.add(t);
      return this;
    }

    public PodSpec required(NodeSelectorTerm t) {
      required.add(t);
      return this;
    }

    public PodSpec preferred(int weight, NodeSelectorTerm t) {
      preferred.add(new PreferredSchedulingTerm(t, weight));
      return this;
    }

    public PodSpec hostPort(int port) {
      hostPorts.add(port);
      return this;
    }

    public PodSpec schedulerName(String n) {
      schedulerName = n;
      return this;
    }

    public PodSpec owner(String uid) {
      ownerUid = uid;
      return this;
    }

    public PodSpec nodeName(String n) {
      nodeName = n;
      return this;
    }

    public PodSpec priority(int p) {
      priority = p;
      return this;
    }

    public Pod build() {
      Map<String, Quantity> req = new HashMap<>();
      requests.forEach((k, v) -> req.put(k, new Quantity(v)));
      ContainerBuilder c = new ContainerBuilder().withName("c").withImage("nginx")
          .withNewResources().withRequests(req.isEmpty() ? null : req).endResources();
      for (int p : hostPorts) {
        c.addToPorts(new ContainerPortBuilder().withContainerPort(p).withHostPort(p).build());
      }
      PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
          .endMetadata()
          .withNewSpec().withContainers(c.build()).withSchedulerName(schedulerName)
          .withNodeName(nodeName).withPriority(priority)
          .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
          .withTolerations(tolerations.isEmpty() ? null : tolerations).endSpec();
      if (ownerUid != null) {
        b.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
            .withName("rs").withUid(ownerUid).withController(true).endOwnerReference()
            .endMetadata();
      }
      if (!required.isEmpty() || !preferred.isEmpty()) {
        b.editSpec().withNewAffinity().withNewNodeAffinity()
            .withPreferredDuringSchedulingIgnoredDuringExecution(
                preferred.isEmpty() ? null : preferred)
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .withNodeSelectorTerms(required).endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity().endAffinity().endSpec();
        if (required.isEmpty()) {
          b.editSpec().editAffinity().editNodeAffinity()
              .withRequiredDuringSchedulingIgnoredDuringExecution(null).endNodeAffinity()
              .endAffinity().endSpec();
        }
      }
      return b.build();
    }
  }
}
