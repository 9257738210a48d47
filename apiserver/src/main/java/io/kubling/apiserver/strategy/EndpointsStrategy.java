package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.Ips;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints: every subset has addresses, each a real IP that is not loopback, link-local or
 * unspecified (a proxy must never be pointed at the node itself), and well-formed ports.
 */
public final class EndpointsStrategy implements Strategy {
  public static final EndpointsStrategy INSTANCE = new EndpointsStrategy();

  private EndpointsStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    for (ObjectNode subset : Fields.objects(obj, "subsets")) {
      for (ObjectNode port : Fields.objects(subset, "ports")) {
        Fields.defaultText(port, "protocol", "TCP");
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> subsets = Fields.items(obj, "subsets");
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode s = subsets.get(i);
      String p = "subsets[" + i + "]";
      List<JsonNode> ready = Fields.items(s, "addresses");
      List<JsonNode> notReady = Fields.items(s, "notReadyAddresses");
      if (ready.isEmpty() && notReady.isEmpty()) {
        errs.add(FieldError.required(p, "must specify `addresses` or `notReadyAddresses`"));
      }
      for (int a = 0; a < ready.size(); a++) {
        errs.addAll(address(ready.get(a), p + ".addresses[" + a + "]"));
      }
      for (int a = 0; a < notReady.size(); a++) {
        errs.addAll(address(notReady.get(a), p + ".notReadyAddresses[" + a + "]"));
      }
      List<JsonNode> ports = Fields.items(s, "ports");
      for (int j = 0; j < ports.size(); j++) {
        errs.addAll(port(ports.get(j), p + ".ports[" + j + "]", ports.size() > 1));
      }
    }
    return errs;
  }

  private static List<FieldError> address(JsonNode address, String path) {
    List<FieldError> errs = new ArrayList<>();
    String ip = Fields.str(address, "ip");
    errs.addAll(Ips.validIp(path + ".ip", ip));
    String hostname = Fields.str(address, "hostname");
    if (!hostname.isEmpty()) {
      Names.dns1123Label(hostname).forEach(
          m -> errs.add(FieldError.invalid(path + ".hostname", hostname, m)));
    }
    String nodeName = Fields.text(address, "nodeName");
    if (nodeName != null) {
      Names.dns1123Subdomain(nodeName).forEach(
          m -> errs.add(FieldError.invalid(path + ".nodeName", nodeName, m)));
    }
    errs.addAll(Ips.nonSpecial(path + ".ip", ip));
    return errs;
  }

  /** An endpoint port; names are required once there is more than one port. */
  static List<FieldError> port(JsonNode port, String path, boolean requireName) {
    List<FieldError> errs = new ArrayList<>();
    String name = Fields.str(port, "name");
    if (requireName && name.isEmpty()) {
      errs.add(FieldError.required(path + ".name"));
    } else if (!name.isEmpty()) {
      Names.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(path + ".name", name, m)));
    }
    Long number = Fields.integer(port, "port", path + ".port", errs);
    long value = number == null ? 0 : number;
    if (value < 1 || value > 65535) {
      errs.add(FieldError.invalid(path + ".port", value, ContainerValidation.PORT_RANGE));
    }
    errs.addAll(ContainerValidation.oneOf(port, "protocol", path, ContainerValidation.PROTOCOLS));
    return errs;
  }
}
