package io.kubling.apiserver.allocator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.storage.Claim;
import io.kubling.apiserver.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out ClusterIPs and NodePorts. Each allocated value is a claim key under
 * {@code /registry/ranges/} created in the same etcd transaction as the Service, guarded to
 * be absent: two API servers can never hand out the same value, and a failed write leaks none.
 */
public final class ServiceAllocator {
  public static final String IP_PREFIX = "/registry/ranges/serviceips/";
  public static final String PORT_PREFIX = "/registry/ranges/servicenodeports/";

  private final Ipv4Range serviceRange;
  private final PortRange nodePorts;

  public ServiceAllocator(Ipv4Range serviceRange, PortRange nodePorts) {
    this.serviceRange = serviceRange;
    this.nodePorts = nodePorts;
  }

  public Ipv4Range serviceRange() {
    return serviceRange;
  }

  /** What one write must claim and release, or the errors that forbid it. */
  public record Plan(List<Claim> claims, List<String> releases, List<FieldError> errors,
      Set<String> userRequested) {}

  /**
   * Fills in spec.clusterIP(s) and ports[].nodePort where empty (svc is changed in place)
   * and lists the claims: every value svc holds that old (null on create) did not.
   */
  public Plan plan(ObjectNode svc, ObjectNode old, String owner) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> requested = new LinkedHashSet<>();
    ObjectNode spec = Json.with(svc, "spec");
    String type = spec.path("type").asText("ClusterIP");
    Set<String> oldValues = old == null ? Set.of() : heldKeys(old);

    if (!type.equals("ExternalName")) {
      String ip = spec.path("clusterIP").asText("");
      if (ip.isEmpty()) {
        String kept = old == null ? "" : Json.with(old, "spec").path("clusterIP").asText("");
        ip = kept.isEmpty() || kept.equals("None") ? randomIp() : kept;
        spec.put("clusterIP", ip);
      } else if (!ip.equals("None") && !oldValues.contains(IP_PREFIX + ip)) {
        if (!isIpv4(ip) || !serviceRange.contains(ip)) {
          errors.add(FieldError.invalid("spec.clusterIPs[0]", ip,
              "provided IP is not in the valid range. The range of valid IPs is " + serviceRange));
        } else {
          requested.add(IP_PREFIX + ip);
        }
      }
      if (!spec.path("clusterIP").asText().equals("None")) {
        ArrayNode ips = spec.putArray("clusterIPs");
        ips.add(spec.path("clusterIP").asText());
      }
    }
    boolean wantsNodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
    JsonNode ports = spec.path("ports");
    for (int i = 0; i < ports.size(); i++) {
      if (!(ports.get(i) instanceof ObjectNode port)) {
        continue;
      }
      int np = port.path("nodePort").asInt(0);
      if (!wantsNodePorts) {
        port.remove("nodePort");
        continue;
      }
      if (np == 0) {
        int kept = keptNodePort(old, port);
        port.put("nodePort", kept != 0 ? kept : randomPort());
      } else if (!oldValues.contains(PORT_PREFIX + np)) {
        if (!nodePorts.contains(np)) {
          errors.add(FieldError.invalid("spec.ports[" + i + "].nodePort", np,
              "provided port is not in the valid range. The range of valid ports is "
                  + nodePorts));
        } else {
          requested.add(PORT_PREFIX + np);
        }
      }
    }
    Set<String> now = heldKeys(svc);
    byte[] value = owner.getBytes(StandardCharsets.UTF_8);
    List<Claim> claims = new ArrayList<>();
    for (String k : now) {
      if (!oldValues.contains(k)) {
        claims.add(new Claim(k, value));
      }
    }
    List<String> releases = new ArrayList<>();
    for (String k : oldValues) {
      if (!now.contains(k)) {
        releases.add(k);
      }
    }
    return new Plan(claims, releases, errors, requested);
  }

  /** The claim keys a stored Service holds, released when it is deleted. */
  public static Set<String> heldKeys(ObjectNode svc) {
    Set<String> keys = new LinkedHashSet<>();
    JsonNode spec = svc.path("spec");
    String ip = spec.path("clusterIP").asText("");
    if (!ip.isEmpty() && !ip.equals("None")) {
      keys.add(IP_PREFIX + ip);
    }
    for (JsonNode p : spec.path("ports")) {
      int np = p.path("nodePort").asInt(0);
      if (np != 0) {
        keys.add(PORT_PREFIX + np);
      }
    }
    return keys;
  }

  private static int keptNodePort(ObjectNode old, ObjectNode port) {
    if (old == null) {
      return 0;
    }
    for (JsonNode p : old.path("spec").path("ports")) {
      if (p.path("port").asInt() == port.path("port").asInt()
          && p.path("protocol").asText("TCP").equals(port.path("protocol").asText("TCP"))) {
        return p.path("nodePort").asInt(0);
      }
    }
    return 0;
  }

  private String randomIp() {
    // The first address belongs to the kubernetes service; it is only ever asked for.
    return serviceRange.address(1 + ThreadLocalRandom.current().nextLong(serviceRange.size() - 1));
  }

  private int randomPort() {
    return nodePorts.first() + ThreadLocalRandom.current().nextInt(nodePorts.size());
  }

  static boolean isIpv4(String s) {
    try {
      Ipv4Range.toLong(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
