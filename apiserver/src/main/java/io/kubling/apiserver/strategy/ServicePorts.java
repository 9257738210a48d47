package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import io.kubling.apiserver.validation.GoValue;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A service's ports: each one's fields, and the uniqueness rules across them. */
final class ServicePorts {
  private ServicePorts() {}

  /** validateServicePort; names must be given when there is more than one port. */
  static List<FieldError> port(JsonNode port, String path, boolean requireName,
      Set<String> names) {
    List<FieldError> errs = new ArrayList<>();
    String name = Fields.str(port, "name");
    if (requireName && name.isEmpty()) {
      errs.add(FieldError.required(path + ".name"));
    } else if (!name.isEmpty()) {
      Names.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(path + ".name", name, m)));
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(path + ".name", name));
      }
    }
    Long number = Fields.integer(port, "port", path + ".port", errs);
    long value = number == null ? 0 : number;
    if (value < 1 || value > 65535) {
      errs.add(FieldError.invalid(path + ".port", value, ContainerValidation.PORT_RANGE));
    }
    errs.addAll(ContainerValidation.oneOf(port, "protocol", path, ContainerValidation.PROTOCOLS));
    errs.addAll(targetPort(port.get("targetPort"), path + ".targetPort"));
    String appProtocol = Fields.text(port, "appProtocol");
    if (appProtocol != null) {
      Names.labelKey(appProtocol).forEach(
          m -> errs.add(FieldError.invalid(path + ".appProtocol", appProtocol, m)));
    }
    // The allocator checks the cluster's node port range; here only that it is a port.
    Long nodePort = Fields.integer(port, "nodePort", path + ".nodePort", errs);
    if (nodePort != null && nodePort != 0 && (nodePort < 1 || nodePort > 65535)) {
      errs.add(FieldError.invalid(path + ".nodePort", nodePort, ContainerValidation.PORT_RANGE));
    }
    return errs;
  }

  /** An IntOrString: a port number or an IANA service name of a container port. */
  private static List<FieldError> targetPort(JsonNode target, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (target == null || target.isNull()) {
      errs.add(FieldError.invalid(path, 0L, ContainerValidation.PORT_RANGE));
    } else if (target.isIntegralNumber()) {
      long v = target.asLong();
      if (v < 1 || v > 65535) {
        errs.add(FieldError.invalid(path, v, ContainerValidation.PORT_RANGE));
      }
    } else if (target.isTextual()) {
      Names.portName(target.asText()).forEach(
          m -> errs.add(FieldError.invalid(path, target.asText(), m)));
    } else {
      errs.add(FieldErrors.typeInvalid(path, target, "integer or string"));
    }
    return errs;
  }

  /** nodePort only where a type uses it; node ports and (protocol, port) pairs unique. */
  static List<FieldError> nodePorts(List<JsonNode> ports, String type) {
    List<FieldError> errs = new ArrayList<>();
    if (type.equals("ClusterIP")) {
      for (int i = 0; i < ports.size(); i++) {
        Long nodePort = Fields.integer(ports.get(i), "nodePort");
        if (nodePort != null && nodePort != 0) {
          errs.add(FieldError.forbidden("spec.ports[" + i + "].nodePort",
              "may not be used when `type` is 'ClusterIP'"));
        }
      }
    }
    Set<String> nodePorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      Long nodePort = Fields.integer(ports.get(i), "nodePort");
      if (nodePort != null && nodePort != 0
          && !nodePorts.add(Fields.str(ports.get(i), "protocol") + "/" + nodePort)) {
        errs.add(FieldError.duplicate("spec.ports[" + i + "].nodePort", nodePort));
      }
    }
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String protocol = Fields.str(ports.get(i), "protocol");
      Long number = Fields.integer(ports.get(i), "port");
      long port = number == null ? 0 : number;
      if (!pairs.add(protocol + "/" + port)) {
        // Kubernetes prints the (protocol, port) key as a whole core.ServicePort.
        errs.add(FieldError.duplicate("spec.ports[" + i + "]", GoValue.of(
            "core.ServicePort{Name:\"\", Protocol:" + GoValue.quote(protocol)
                + ", AppProtocol:(*string)(nil), Port:" + port + ", TargetPort:"
                + "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")));
      }
    }
    return errs;
  }
}
