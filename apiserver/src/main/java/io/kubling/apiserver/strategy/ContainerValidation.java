package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import io.kubling.apiserver.validation.Names;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of a PodSpec's containers, shared by Pods and every pod template. */
final class ContainerValidation {
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
  static final String PORT_RANGE = Names.inclusiveRangeError(1, 65535);

  private ContainerValidation() {}

  /** spec.containers: at least one, each valid, names unique among them. */
  static List<FieldError> containers(JsonNode spec, String path, Set<String> volumes) {
    List<JsonNode> list = Fields.items(spec, "containers");
    if (list.isEmpty()) {
      return List.of(FieldError.required(path));
    }
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String p = path + "[" + i + "]";
      errs.addAll(container(list.get(i), p, volumes));
      String name = Fields.str(list.get(i), "name");
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(p + ".name", name));
      }
    }
    return errs;
  }

  /** spec.initContainers: names may clash neither with each other nor with containers. */
  static List<FieldError> initContainers(JsonNode spec, String path, Set<String> volumes) {
    Set<String> regular = new HashSet<>();
    Fields.items(spec, "containers").forEach(c -> regular.add(Fields.str(c, "name")));
    List<JsonNode> list = Fields.items(spec, "initContainers");
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String p = path + "[" + i + "]";
      errs.addAll(container(list.get(i), p, volumes));
      String name = Fields.str(list.get(i), "name");
      if (regular.contains(name) || !names.add(name)) {
        errs.add(FieldError.duplicate(p + ".name", name));
      }
    }
    return errs;
  }

  /** validateContainerCommon: what every kind of container must satisfy. */
  static List<FieldError> container(JsonNode c, String path, Set<String> volumes) {
    List<FieldError> errs = new ArrayList<>();
    String name = Fields.str(c, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(path + ".name"));
    } else {
      Names.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(path + ".name", name, m)));
    }
    if (Fields.blank(Fields.text(c, "image"))) {
      errs.add(FieldError.required(path + ".image"));
    }
    errs.addAll(oneOf(c, "terminationMessagePolicy", path, MESSAGE_POLICIES));
    errs.addAll(ports(c, path + ".ports"));
    List<JsonNode> env = Fields.items(c, "env");
    for (int i = 0; i < env.size(); i++) {
      if (Fields.blank(Fields.text(env.get(i), "name"))) {
        errs.add(FieldError.required(path + ".env[" + i + "].name"));
      }
    }
    errs.addAll(volumeMounts(c, path + ".volumeMounts", volumes));
    errs.addAll(oneOf(c, "imagePullPolicy", path, PULL_POLICIES));
    errs.addAll(resources(c.get("resources"), path + ".resources"));
    return errs;
  }

  /** Container ports: names unique IANA service names, numbers in range, known protocols. */
  static List<FieldError> ports(JsonNode c, String path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<JsonNode> ports = Fields.items(c, "ports");
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      String p = path + "[" + i + "]";
      String name = Fields.str(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Names.portName(name);
        msgs.forEach(m -> errs.add(FieldError.invalid(p + ".name", name, m)));
        if (msgs.isEmpty() && !names.add(name)) {
          errs.add(FieldError.duplicate(p + ".name", name));
        }
      }
      Long containerPort = Fields.integer(port, "containerPort", p + ".containerPort", errs);
      if (containerPort == null || containerPort == 0) {
        errs.add(FieldError.required(p + ".containerPort"));
      } else if (containerPort < 1 || containerPort > 65535) {
        errs.add(FieldError.invalid(p + ".containerPort", containerPort, PORT_RANGE));
      }
      Long hostPort = Fields.integer(port, "hostPort", p + ".hostPort", errs);
      if (hostPort != null && hostPort != 0 && (hostPort < 1 || hostPort > 65535)) {
        errs.add(FieldError.invalid(p + ".hostPort", hostPort, PORT_RANGE));
      }
      errs.addAll(oneOf(port, "protocol", p, PROTOCOLS));
    }
    return errs;
  }

  private static List<FieldError> volumeMounts(JsonNode c, String path, Set<String> volumes) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> mountPaths = new HashSet<>();
    List<JsonNode> mounts = Fields.items(c, "volumeMounts");
    for (int i = 0; i < mounts.size(); i++) {
      String p = path + "[" + i + "]";
      String name = Fields.str(mounts.get(i), "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p + ".name"));
      }
      if (!volumes.contains(name)) {
        errs.add(FieldErrors.notFound(p + ".name", name));
      }
      String mountPath = Fields.str(mounts.get(i), "mountPath");
      if (mountPath.isEmpty()) {
        errs.add(FieldError.required(p + ".mountPath"));
      }
      if (!mountPaths.add(mountPath)) {
        errs.add(FieldError.invalid(p + ".mountPath", mountPath, "must be unique"));
      }
    }
    return errs;
  }

  /** Quantities well formed and not negative; each request at most its limit. */
  private static List<FieldError> resources(JsonNode resources, String path) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode limits = resources == null ? null : resources.get("limits");
    JsonNode requests = resources == null ? null : resources.get("requests");
    quantities(limits, path + ".limits", errs);
    quantities(requests, path + ".requests", errs);
    if (limits != null && limits.isObject() && requests != null && requests.isObject()) {
      requests.fields().forEachRemaining(e -> {
        BigDecimal request = Quantities.parse(e.getValue().asText());
        JsonNode limitNode = limits.get(e.getKey());
        BigDecimal limit = limitNode == null ? null : Quantities.parse(limitNode.asText());
        if (request != null && limit != null && request.compareTo(limit) > 0) {
          errs.add(FieldError.invalid(path + ".requests", e.getValue().asText(),
              "must be less than or equal to " + e.getKey() + " limit of "
                  + limitNode.asText()));
        }
      });
    }
    return errs;
  }

  private static void quantities(JsonNode list, String path, List<FieldError> errs) {
    if (list == null || !list.isObject()) {
      return;
    }
    list.fields().forEachRemaining(e -> {
      String p = path + "[" + e.getKey() + "]";
      BigDecimal q = Quantities.parse(e.getValue().asText());
      if (q == null) {
        errs.add(FieldError.invalid(p, e.getValue().asText(), Quantities.FORMAT_ERROR));
      } else if (q.signum() < 0) {
        errs.add(FieldError.invalid(p, e.getValue().asText(), FieldErrors.IS_NEGATIVE));
      }
    });
  }

  /** An enumerated string field: Required when unset, Unsupported when unknown. */
  static List<FieldError> oneOf(JsonNode n, String field, String path, List<String> supported) {
    String v = Fields.str(n, field);
    if (v.isEmpty()) {
      return List.of(FieldError.required(path + "." + field));
    }
    return supported.contains(v) ? List.of()
        : List.of(FieldError.notSupported(path + "." + field, v, supported));
  }
}
