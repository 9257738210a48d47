package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.NameRule;
import java.util.List;

/**
 * Services: core/v1 defaults, a single-stack IPv4 cluster's IP families, clusterIP kept in
 * step with clusterIPs, and the type-dependent fields Kubernetes drops on a type change.
 * Allocation of clusterIP and nodePorts is the store's.
 */
public final class ServiceStrategy implements Strategy {
  public static final ServiceStrategy INSTANCE = new ServiceStrategy();
  static final int DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

  private ServiceStrategy() {}

  /** A service's name becomes a DNS label, which must start with a letter. */
  @Override
  public NameRule nameRule() {
    return NameRule.DNS1035_LABEL;
  }

  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.with(obj, "spec");
    Fields.defaultText(spec, "sessionAffinity", "None");
    String affinity = Fields.text(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")
        && !Fields.has(spec.path("sessionAffinityConfig").path("clientIP"), "timeoutSeconds")) {
      spec.putObject("sessionAffinityConfig").putObject("clientIP")
          .put("timeoutSeconds", DEFAULT_CLIENT_IP_TIMEOUT_SECONDS);
    }
    Fields.defaultText(spec, "type", "ClusterIP");
    for (ObjectNode port : Fields.objects(spec, "ports")) {
      Fields.defaultText(port, "protocol", "TCP");
      if (Semantic.isZero(port.get("targetPort")) && Fields.has(port, "port")) {
        port.set("targetPort", port.get("port").deepCopy());
      }
    }
    String type = Fields.text(spec, "type");
    if (externallyAccessible(spec)) {
      Fields.defaultText(spec, "externalTrafficPolicy", "Cluster");
    }
    if (List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
      Fields.defaultText(spec, "internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Fields.defaultBool(spec, "allocateLoadBalancerNodePorts", true);
    }
    // This cluster is single-stack IPv4, so every service that gets a cluster IP is too.
    if (!type.equals("ExternalName")) {
      if (Fields.items(spec, "ipFamilies").isEmpty()) {
        spec.set("ipFamilies", Fields.texts("IPv4"));
      }
      Fields.defaultText(spec, "ipFamilyPolicy", "SingleStack");
    }
  }

  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").putObject("loadBalancer");
    ObjectNode spec = Json.with(obj, "spec");
    String clusterIP = Fields.text(spec, "clusterIP");
    if (!Fields.blank(clusterIP) && Fields.items(spec, "clusterIPs").isEmpty()) {
      spec.set("clusterIPs", Fields.texts(clusterIP));
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
    ObjectNode spec = Json.with(obj, "spec");
    JsonNode oldSpec = old.path("spec");
    ServiceTypeChange.dropTypeDependentFields(spec, oldSpec);
    ServiceTypeChange.normalizeClusterIPs(spec, oldSpec);
    ServiceTypeChange.keepAllocatedClusterIPs(spec, oldSpec);
    if (!"LoadBalancer".equals(Fields.text(spec, "type"))) {
      Json.with(obj, "status").putObject("loadBalancer");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return ServiceValidation.validate(obj.path("spec"));
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return ServiceValidation.validateUpdate(obj.path("spec"), old.path("spec"));
  }

  /** NodePort and LoadBalancer services, and ClusterIP ones with externalIPs. */
  static boolean externallyAccessible(JsonNode spec) {
    String type = Fields.str(spec, "type");
    return type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && !Fields.items(spec, "externalIPs").isEmpty());
  }
}
