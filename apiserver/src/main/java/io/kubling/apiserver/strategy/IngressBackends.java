package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/** validateIngressBackend: a service (name and one of port name or number) or a resource. */
final class IngressBackends {
  private IngressBackends() {}

  static List<FieldError> validate(JsonNode backend, String path) {
    List<FieldError> errs = new ArrayList<>();
    boolean resource = Fields.has(backend, "resource");
    boolean service = Fields.has(backend, "service");
    if (resource && service) {
      errs.add(FieldError.invalid(path, "", "cannot set both resource and service backends"));
    } else if (resource) {
      JsonNode r = backend.get("resource");
      if (Fields.str(r, "kind").isEmpty()) {
        errs.add(FieldError.required(path + ".resource.kind", "kind is required"));
      }
      if (Fields.str(r, "name").isEmpty()) {
        errs.add(FieldError.required(path + ".resource.name", "name is required"));
      }
    } else if (service) {
      errs.addAll(service(backend.get("service"), path));
    } else {
      errs.add(FieldError.invalid(path, "", "resource or service backend is required"));
    }
    return errs;
  }

  private static List<FieldError> service(JsonNode svc, String path) {
    List<FieldError> errs = new ArrayList<>();
    String name = Fields.str(svc, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(path + ".service.name"));
    } else {
      Names.dns1035Label(name).forEach(
          m -> errs.add(FieldError.invalid(path + ".service.name", name, m)));
    }
    JsonNode port = svc.path("port");
    String portName = Fields.str(port, "name");
    Long number = Fields.integer(port, "number");
    boolean hasNumber = number != null && number != 0;
    if (!portName.isEmpty() && hasNumber) {
      errs.add(FieldError.invalid(path, "", "cannot set both port name & port number"));
    } else if (!portName.isEmpty()) {
      Names.portName(portName).forEach(
          m -> errs.add(FieldError.invalid(path + ".service.port.name", portName, m)));
    } else if (hasNumber) {
      if (number < 1 || number > 65535) {
        errs.add(FieldError.invalid(path + ".service.port.number", number,
            Names.inclusiveRangeError(1, 65535)));
      }
    } else {
      errs.add(FieldError.required(path, "port name or number is required"));
    }
    return errs;
  }
}
