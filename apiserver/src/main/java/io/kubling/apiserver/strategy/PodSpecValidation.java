package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.MetadataValidation;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ValidatePodSpec and ValidatePodTemplateSpec: one set of rules for a Pod's spec and for the
 * template of a ReplicaSet, Deployment or DaemonSet.
 */
final class PodSpecValidation {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS_POLICIES =
      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  static final long MAX_INT32 = Integer.MAX_VALUE;

  private PodSpecValidation() {}

  /** Errors of a Pod's spec; a Pod is held to a few rules a template is not. */
  static List<FieldError> pod(JsonNode spec) {
    List<FieldError> errs = spec(spec, "spec", true);
    for (String list : List.of("containers", "initContainers")) {
      List<JsonNode> containers = Fields.items(spec, list);
      for (int i = 0; i < containers.size(); i++) {
        String image = Fields.str(containers.get(i), "image");
        if (!image.isEmpty() && !image.equals(image.strip())) {
          errs.add(FieldError.invalid("spec." + list + "[" + i + "].image", image,
              "must not have leading or trailing whitespace"));
        }
      }
    }
    return errs;
  }

  /** Errors of a pod template at {@code path}, e.g. {@code spec.template}. */
  static List<FieldError> template(JsonNode template, String path) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode meta = template == null ? null : template.get("metadata");
    // Kubernetes reports the template's labels at <path>.labels: ObjectMeta is embedded.
    errs.addAll(MetadataValidation.validateLabels(meta == null ? null : meta.get("labels"),
        path + ".labels"));
    errs.addAll(MetadataValidation.validateAnnotations(
        meta == null ? null : meta.get("annotations"), path + ".annotations"));
    JsonNode spec = template == null ? null : template.get("spec");
    errs.addAll(spec(spec, path + ".spec", false));
    if (!Fields.items(spec, "ephemeralContainers").isEmpty()) {
      errs.add(FieldError.forbidden(path + ".spec.ephemeralContainers",
          "ephemeral containers not allowed in pod template"));
    }
    return errs;
  }

  static List<FieldError> spec(JsonNode spec, String path, boolean isPod) {
    List<FieldError> errs = new ArrayList<>();
    if (!Fields.has(spec, "terminationGracePeriodSeconds")) {
      errs.add(FieldError.required(path + ".terminationGracePeriodSeconds"));
    }
    Set<String> volumes = volumes(spec, path + ".volumes", errs);
    errs.addAll(ContainerValidation.containers(spec, path + ".containers", volumes));
    errs.addAll(ContainerValidation.initContainers(spec, path + ".initContainers", volumes));
    if (spec != null && spec.path("hostNetwork").asBoolean(false)) {
      errs.addAll(hostNetworkPorts(spec, path, isPod));
    }
    errs.addAll(ContainerValidation.oneOf(spec, "restartPolicy", path, RESTART_POLICIES));
    errs.addAll(ContainerValidation.oneOf(spec, "dnsPolicy", path, DNS_POLICIES));
    errs.addAll(MetadataValidation.validateLabels(
        spec == null ? null : spec.get("nodeSelector"), path + ".nodeSelector"));
    if ("None".equals(Fields.text(spec, "dnsPolicy"))) {
      if (!Fields.has(spec, "dnsConfig")) {
        errs.add(FieldError.required(path + ".dnsConfig",
            "must provide `dnsConfig` when `dnsPolicy` is None"));
      } else if (Fields.items(spec.get("dnsConfig"), "nameservers").isEmpty()) {
        errs.add(FieldError.required(path + ".dnsConfig.nameservers",
            "must provide at least one DNS nameserver when `dnsPolicy` is None"));
      }
    }
    for (String field : List.of("serviceAccountName", "nodeName")) {
      String v = Fields.str(spec, field);
      if (!v.isEmpty()) {
        Names.dns1123Subdomain(v).forEach(
            m -> errs.add(FieldError.invalid(path + "." + field, v, m)));
      }
    }
    Long deadline = Fields.integer(spec, "activeDeadlineSeconds",
        path + ".activeDeadlineSeconds", errs);
    if (deadline != null && (deadline < 1 || deadline > MAX_INT32)) {
      errs.add(FieldError.invalid(path + ".activeDeadlineSeconds", deadline,
          Names.inclusiveRangeError(1, MAX_INT32)));
    }
    for (String field : List.of("hostname", "subdomain")) {
      String v = Fields.str(spec, field);
      if (!v.isEmpty()) {
        Names.dns1123Label(v).forEach(m -> errs.add(FieldError.invalid(path + "." + field, v, m)));
      }
    }
    errs.addAll(Tolerations.validate(spec == null ? null : spec.get("tolerations"),
        path + ".tolerations"));
    return errs;
  }

  /**
   * Volume names are unique DNS labels and each volume names a source. As in Kubernetes, a
   * volume with errors is left out of the returned names, so mounts of it are "Not found".
   */
  private static Set<String> volumes(JsonNode spec, String path, List<FieldError> errs) {
    Set<String> names = new HashSet<>();
    List<JsonNode> volumes = Fields.items(spec, "volumes");
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode v = volumes.get(i);
      String p = path + "[" + i + "]";
      List<FieldError> own = new ArrayList<>();
      boolean hasSource = false;
      for (var it = v.fieldNames(); it.hasNext(); ) {
        hasSource |= !it.next().equals("name");
      }
      if (!hasSource) {
        own.add(FieldError.required(p, "must specify a volume type"));
      }
      String name = Fields.str(v, "name");
      if (name.isEmpty()) {
        own.add(FieldError.required(p + ".name"));
      } else {
        Names.dns1123Label(name).forEach(m -> own.add(FieldError.invalid(p + ".name", name, m)));
      }
      if (names.contains(name)) {
        own.add(FieldError.duplicate(p + ".name", name));
      }
      if (own.isEmpty()) {
        names.add(name);
      }
      errs.addAll(own);
    }
    return names;
  }

  /** With hostNetwork a pod's hostPort is its containerPort (a template may leave it 0). */
  private static List<FieldError> hostNetworkPorts(JsonNode spec, String path, boolean isPod) {
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> containers = Fields.items(spec, "containers");
    for (int i = 0; i < containers.size(); i++) {
      List<JsonNode> ports = Fields.items(containers.get(i), "ports");
      for (int j = 0; j < ports.size(); j++) {
        long hostPort = nz(Fields.integer(ports.get(j), "hostPort"));
        long containerPort = nz(Fields.integer(ports.get(j), "containerPort"));
        if ((isPod || hostPort != 0) && hostPort != containerPort) {
          errs.add(FieldError.invalid(path + ".containers[" + i + "].ports[" + j + "].hostPort",
              hostPort, "must match `containerPort` when `hostNetwork` is true"));
        }
      }
    }
    return errs;
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }
}
