package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.Ips;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy of a service that has a cluster IP, on
 * a cluster that is single-stack IPv4: IPv6 and dual-stack requests are refused by name.
 */
final class ClusterIPValidation {
  static final List<String> FAMILIES = List.of("IPv4", "IPv6");
  static final List<String> FAMILY_POLICIES =
      List.of("PreferDualStack", "RequireDualStack", "SingleStack");
  static final String NO_DUAL_STACK = "this cluster is not configured for dual-stack services";

  private ClusterIPValidation() {}

  static List<FieldError> validate(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    String clusterIP = Fields.str(spec, "clusterIP");
    List<String> ips = new ArrayList<>();
    Fields.items(spec, "clusterIPs").forEach(ip -> ips.add(ip.asText()));
    if (!clusterIP.isEmpty()) {
      if (ips.isEmpty()) {
        errs.add(FieldError.required("spec.clusterIPs"));
      } else if (!ips.get(0).equals(clusterIP)) {
        errs.add(FieldError.invalid("spec.clusterIPs", ServiceValidation.ips(spec),
            "first value must match `clusterIP`"));
      }
    } else if (!ips.isEmpty()) {
      errs.add(FieldError.invalid("spec.clusterIPs", ServiceValidation.ips(spec),
          "must be empty when `clusterIP` is not specified"));
    }
    List<JsonNode> families = Fields.items(spec, "ipFamilies");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      String family = families.get(i).asText();
      String p = "spec.ipFamilies[" + i + "]";
      if (!FAMILIES.contains(family)) {
        errs.add(FieldError.notSupported(p, family, FAMILIES));
      } else if (family.equals("IPv6")) {
        errs.add(FieldError.invalid(p, family, "not configured on this cluster"));
      }
      if (!seen.add(family)) {
        errs.add(FieldError.duplicate(p, family));
      }
    }
    String policy = Fields.text(spec, "ipFamilyPolicy");
    if (policy != null && !FAMILY_POLICIES.contains(policy)) {
      errs.add(FieldError.notSupported("spec.ipFamilyPolicy", policy, FAMILY_POLICIES));
    } else if ("RequireDualStack".equals(policy)) {
      errs.add(FieldError.invalid("spec.ipFamilyPolicy", policy, NO_DUAL_STACK));
    }
    for (int i = 0; i < ips.size(); i++) {
      String ip = ips.get(i);
      String p = "spec.clusterIPs[" + i + "]";
      if (i == 0 && ip.equals("None")) {
        if (ips.size() > 1) {
          errs.add(FieldError.invalid("spec.clusterIPs", ServiceValidation.ips(spec),
              "'None' must be the first and only value"));
        }
        continue;
      }
      List<FieldError> invalid = Ips.validIp(p, ip);
      errs.addAll(invalid);
      if (invalid.isEmpty() && !Ips.isIPv4(ip) && i < families.size()) {
        errs.add(FieldError.invalid(p, ServiceValidation.ips(spec), "expected an "
            + families.get(i).asText() + " value as indicated by `ipFamilies[" + i + "]`"));
      }
    }
    if (ips.size() > 1 && !ips.get(0).equals("None")) {
      errs.add(FieldError.invalid("spec.clusterIPs", ServiceValidation.ips(spec), NO_DUAL_STACK));
    }
    return errs;
  }

  /**
   * Allocated cluster IPs are fixed for the service's life, unless it becomes or stops being
   * an ExternalName service. An IP the update leaves out is kept, not changed.
   */
  static List<FieldError> unchanged(JsonNode spec, JsonNode oldSpec) {
    if (!ServiceTypeChange.needsClusterIP(spec) || !ServiceTypeChange.needsClusterIP(oldSpec)) {
      return List.of();
    }
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> ips = Fields.items(spec, "clusterIPs");
    List<JsonNode> oldIps = Fields.items(oldSpec, "clusterIPs");
    for (int i = 0; i < ips.size() && i < oldIps.size(); i++) {
      if (!ips.get(i).asText().equals(oldIps.get(i).asText())) {
        errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ServiceValidation.ips(spec),
            "may not change once set"));
      }
    }
    return errs;
  }
}
