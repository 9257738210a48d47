package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.GoValue;
import io.kubling.apiserver.validation.MetadataValidation;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ValidateService and ValidateServiceUpdate for the fields kubling serves. */
final class ServiceValidation {
  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> AFFINITIES = List.of("ClientIP", "None");
  static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
  static final int KUBELET_PORT = 10250;
  static final int MAX_CLIENT_IP_TIMEOUT_SECONDS = 86400;

  private ServiceValidation() {}

  static List<FieldError> validate(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    String type = Fields.str(spec, "type");
    boolean headless = headless(spec);
    List<JsonNode> ports = Fields.items(spec, "ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.add(FieldError.required("spec.ports"));
    }
    switch (type) {
      case "LoadBalancer" -> {
        for (int i = 0; i < ports.size(); i++) {
          if (Long.valueOf(KUBELET_PORT).equals(Fields.integer(ports.get(i), "port"))) {
            errs.add(FieldError.invalid("spec.ports[" + i + "]", (long) KUBELET_PORT,
                "may not expose port 10250 externally since it is used by kubelet"));
          }
        }
        if (headless) {
          errs.add(FieldError.invalid("spec.clusterIPs[0]", "None",
              "may not be set to 'None' for LoadBalancer services"));
        }
      }
      case "NodePort" -> {
        if (headless) {
          errs.add(FieldError.invalid("spec.clusterIPs[0]", "None",
              "may not be set to 'None' for NodePort services"));
        }
      }
      case "ExternalName" -> errs.addAll(externalName(spec));
      default -> { }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      errs.addAll(ServicePorts.port(ports.get(i), "spec.ports[" + i + "]", ports.size() > 1,
          names));
    }
    errs.addAll(MetadataValidation.validateLabels(spec.get("selector"), "spec.selector"));
    errs.addAll(sessionAffinity(spec));
    if (!type.equals("ExternalName")) {
      errs.addAll(ClusterIPValidation.validate(spec));
    }
    errs.addAll(ContainerValidation.oneOf(spec, "type", "spec", TYPES));
    errs.addAll(ServicePorts.nodePorts(ports, type));
    errs.addAll(trafficPolicies(spec, type));
    return errs;
  }

  /** An update's errors: the new spec's own, plus allocated cluster IPs that changed. */
  static List<FieldError> validateUpdate(JsonNode spec, JsonNode oldSpec) {
    List<FieldError> errs = new ArrayList<>(validate(spec));
    errs.addAll(ClusterIPValidation.unchanged(spec, oldSpec));
    return errs;
  }

  /** A headless service has the single cluster IP "None". */
  static boolean headless(JsonNode spec) {
    List<JsonNode> ips = Fields.items(spec, "clusterIPs");
    return ips.size() == 1 ? "None".equals(ips.get(0).asText())
        : ips.isEmpty() && "None".equals(Fields.text(spec, "clusterIP"));
  }

  private static List<FieldError> externalName(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    if (!Fields.items(spec, "clusterIPs").isEmpty() || !Fields.blank(Fields.text(spec,
        "clusterIP"))) {
      errs.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    }
    if (!Fields.items(spec, "ipFamilies").isEmpty()) {
      errs.add(FieldError.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
    }
    if (Fields.has(spec, "ipFamilyPolicy")) {
      errs.add(FieldError.forbidden("spec.ipFamilyPolicy",
          "may not be set for ExternalName services"));
    }
    // A trailing dot marks the CNAME as fully qualified.
    String cname = Fields.str(spec, "externalName");
    String name = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
    if (name.isEmpty()) {
      errs.add(FieldError.required("spec.externalName"));
    } else {
      Names.dns1123Subdomain(name).forEach(
          m -> errs.add(FieldError.invalid("spec.externalName", name, m)));
    }
    return errs;
  }

  private static List<FieldError> sessionAffinity(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>(
        ContainerValidation.oneOf(spec, "sessionAffinity", "spec", AFFINITIES));
    if (!"ClientIP".equals(Fields.text(spec, "sessionAffinity"))) {
      return errs;
    }
    String p = "spec.sessionAffinityConfig";
    String why = "when session affinity type is ClientIP";
    JsonNode config = spec.get("sessionAffinityConfig");
    JsonNode clientIP = config == null ? null : config.get("clientIP");
    Long timeout = Fields.integer(clientIP, "timeoutSeconds", p + ".clientIP.timeoutSeconds",
        errs);
    if (config == null || config.isNull()) {
      errs.add(FieldError.required(p, why));
    } else if (clientIP == null || clientIP.isNull()) {
      errs.add(FieldError.required(p + ".clientIP", why));
    } else if (timeout == null) {
      errs.add(FieldError.required(p + ".clientIP.timeoutSeconds", why));
    } else if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT_SECONDS) {
      errs.add(FieldError.invalid(p + ".clientIP.timeoutSeconds", timeout,
          "must be greater than 0 and less than " + MAX_CLIENT_IP_TIMEOUT_SECONDS));
    }
    return errs;
  }

  private static List<FieldError> trafficPolicies(JsonNode spec, String type) {
    List<FieldError> errs = new ArrayList<>();
    String external = Fields.str(spec, "externalTrafficPolicy");
    if (!ServiceStrategy.externallyAccessible(spec)) {
      if (!external.isEmpty()) {
        errs.add(FieldError.invalid("spec.externalTrafficPolicy", external,
            "may only be set for externally-accessible services"));
      }
    } else {
      errs.addAll(ContainerValidation.oneOf(spec, "externalTrafficPolicy", "spec",
          TRAFFIC_POLICIES));
    }
    String internal = Fields.str(spec, "internalTrafficPolicy");
    if (internal.isEmpty() && List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
      errs.add(FieldError.required("spec.internalTrafficPolicy", "must be specified"));
    } else if (!internal.isEmpty() && !TRAFFIC_POLICIES.contains(internal)) {
      errs.add(FieldError.notSupported("spec.internalTrafficPolicy", internal, TRAFFIC_POLICIES));
    }
    return errs;
  }

  static GoValue ips(JsonNode spec) {
    return GoValue.stringSlice(spec.get("clusterIPs"));
  }
}
