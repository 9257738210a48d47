package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import io.kubling.apiserver.validation.Ips;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** discovery.k8s.io EndpointSlices: a fixed address type that every address must have. */
public final class EndpointSliceStrategy implements Strategy {
  public static final EndpointSliceStrategy INSTANCE = new EndpointSliceStrategy();
  static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  static final int MAX_ADDRESSES = 100;

  private EndpointSliceStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    for (ObjectNode port : Fields.objects(obj, "ports")) {
      if (!Fields.has(port, "name")) {
        port.put("name", "");
      }
      Fields.defaultText(port, "protocol", "TCP");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    String type = Fields.str(obj, "addressType");
    List<JsonNode> endpoints = Fields.items(obj, "endpoints");
    for (int i = 0; i < endpoints.size(); i++) {
      String p = "endpoints[" + i + "]";
      List<JsonNode> addresses = Fields.items(endpoints.get(i), "addresses");
      if (addresses.isEmpty()) {
        errs.add(FieldError.required(p + ".addresses", "must contain at least 1 address"));
      } else if (addresses.size() > MAX_ADDRESSES) {
        errs.add(new FieldError("FieldValueTooMany", p + ".addresses", "Too many: "
            + addresses.size() + ": must have at most " + MAX_ADDRESSES + " items"));
      }
      for (int a = 0; a < addresses.size(); a++) {
        errs.addAll(address(type, addresses.get(a).asText(), p + ".addresses[" + a + "]"));
      }
      String hostname = Fields.text(endpoints.get(i), "hostname");
      if (hostname != null) {
        Names.dns1123Label(hostname).forEach(
            m -> errs.add(FieldError.invalid(p + ".hostname", hostname, m)));
      }
    }
    errs.addAll(ports(Fields.items(obj, "ports")));
    if (type.isEmpty()) {
      errs.add(FieldError.required("addressType"));
    } else if (!ADDRESS_TYPES.contains(type)) {
      errs.add(FieldError.notSupported("addressType", type, ADDRESS_TYPES));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validate(obj));
    String type = Fields.str(obj, "addressType");
    if (!type.equals(Fields.str(old, "addressType"))) {
      errs.add(FieldErrors.immutable("addressType", type));
    }
    return errs;
  }

  private static List<FieldError> address(String type, String address, String path) {
    switch (type) {
      case "IPv4" -> {
        List<FieldError> errs = Ips.validIPv4(path, address);
        return errs.isEmpty() ? Ips.nonSpecial(path, address) : errs;
      }
      case "IPv6" -> {
        if (Ips.parse(address) == null || Ips.isIPv4(address)) {
          return List.of(FieldError.invalid(path, address, "must be a valid IPv6 address"));
        }
        return Ips.nonSpecial(path, address);
      }
      case "FQDN" -> {
        String name = address.endsWith(".") ? address.substring(0, address.length() - 1)
            : address;
        List<String> msgs = Names.dns1123Subdomain(name);
        if (!msgs.isEmpty()) {
          return List.of(FieldError.invalid(path, name, String.join(",", msgs)));
        }
        return name.contains(".") ? List.of() : List.of(FieldError.invalid(path, name,
            "should be a domain with at least two segments separated by dots"));
      }
      default -> {
        return List.of();
      }
    }
  }

  private static List<FieldError> ports(List<JsonNode> ports) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String p = "ports[" + i + "]";
      String name = Fields.str(ports.get(i), "name");
      if (!name.isEmpty()) {
        Names.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(p + ".name", name, m)));
      }
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(p + ".name", name));
      }
      errs.addAll(ContainerValidation.oneOf(ports.get(i), "protocol", p,
          ContainerValidation.PROTOCOLS));
    }
    return errs;
  }
}
