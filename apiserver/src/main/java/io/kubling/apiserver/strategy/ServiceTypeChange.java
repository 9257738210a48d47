package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a service update does before validation (Kubernetes' service strategy and REST layer):
 * wipe fields the new type no longer uses when the client merely kept the old values, keep
 * clusterIP and clusterIPs in step, and keep allocated IPs a client left empty.
 */
final class ServiceTypeChange {
  private ServiceTypeChange() {}

  static boolean needsClusterIP(JsonNode spec) {
    return !"ExternalName".equals(Fields.text(spec, "type"));
  }

  static boolean needsNodePorts(JsonNode spec) {
    String type = Fields.str(spec, "type");
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  /** Only fields the user did not also change are wiped; a change still fails validation. */
  static void dropTypeDependentFields(ObjectNode spec, JsonNode oldSpec) {
    if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
      if (same(spec, oldSpec, "clusterIP") && same(spec, oldSpec, "clusterIPs")) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      for (String field : new String[] {"ipFamilies", "ipFamilyPolicy"}) {
        if (same(spec, oldSpec, field)) {
          spec.remove(field);
        }
      }
    }
    if (needsNodePorts(oldSpec) && !needsNodePorts(spec)) {
      boolean samePorts = true;
      var ports = Fields.objects(spec, "ports");
      var oldPorts = Fields.items(oldSpec, "ports");
      for (int i = 0; i < ports.size(); i++) {
        JsonNode oldPort = i < oldPorts.size() ? oldPorts.get(i) : null;
        samePorts &= Semantic.equal(ports.get(i).get("nodePort"),
            oldPort == null ? null : oldPort.get("nodePort"));
      }
      if (samePorts) {
        ports.forEach(p -> p.remove("nodePort"));
      }
      if (same(spec, oldSpec, "healthCheckNodePort")) {
        spec.remove("healthCheckNodePort");
      }
      if (same(spec, oldSpec, "externalTrafficPolicy")
          && !ServiceStrategy.externallyAccessible(spec)) {
        spec.remove("externalTrafficPolicy");
      }
    }
    if (!"LoadBalancer".equals(Fields.text(spec, "type"))
        && same(spec, oldSpec, "allocateLoadBalancerNodePorts")) {
      spec.remove("allocateLoadBalancerNodePorts");
    }
  }

  /**
   * Old clients set only clusterIP: a changed clusterIP with clusterIPs as before becomes the
   * new clusterIPs, so validation sees (and refuses) the change.
   */
  static void normalizeClusterIPs(ObjectNode spec, JsonNode oldSpec) {
    String clusterIP = Fields.text(spec, "clusterIP");
    boolean pluralUnchanged = same(spec, oldSpec, "clusterIPs");
    if (!Fields.blank(clusterIP)) {
      boolean singularChanged = !clusterIP.equals(Fields.text(oldSpec, "clusterIP"));
      if (Fields.items(spec, "clusterIPs").isEmpty() || (singularChanged && pluralUnchanged)) {
        spec.set("clusterIPs", Fields.texts(clusterIP));
      }
    } else if (pluralUnchanged) {
      spec.remove("clusterIPs");
    }
  }

  /** A client that leaves clusterIP empty on update means the one already allocated. */
  static void keepAllocatedClusterIPs(ObjectNode spec, JsonNode oldSpec) {
    if (!needsClusterIP(oldSpec) || !needsClusterIP(spec)) {
      return;
    }
    if (Fields.blank(Fields.text(spec, "clusterIP"))) {
      Fields.copy(spec, oldSpec, "clusterIP");
    }
    if (Fields.items(spec, "clusterIPs").isEmpty()) {
      Fields.copy(spec, oldSpec, "clusterIPs");
    }
  }

  private static boolean same(JsonNode spec, JsonNode oldSpec, String field) {
    return Semantic.equal(spec.get(field), oldSpec == null ? null : oldSpec.get(field));
  }
}
