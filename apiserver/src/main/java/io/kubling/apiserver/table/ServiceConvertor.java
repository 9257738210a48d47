package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.NONE;
import static io.kubling.apiserver.table.Cells.integer;
import static io.kubling.apiserver.table.Cells.items;
import static io.kubling.apiserver.table.Cells.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Services: Name, Type, Cluster-IP, External-IP, Port(s), Age (+ Selector). */
final class ServiceConvertor implements TableConvertor {
  static final ServiceConvertor INSTANCE = new ServiceConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Type", "type determines how the Service is exposed. Defaults to"
          + " ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
      Column.string("Cluster-IP", "clusterIP is the IP address of the service and is usually"
          + " assigned randomly."),
      Column.string("External-IP", "externalIPs is a list of IP addresses for which nodes in"
          + " the cluster will also accept traffic for this service."),
      Column.string("Port(s)", "The list of ports that are exposed by this service."),
      Column.AGE,
      Column.wide("Selector", "Route service traffic to pods with label keys and values"
          + " matching this selector."));

  private ServiceConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode svc, Instant now) {
    String ports = ports(svc);
    return Arrays.asList(Cells.name(svc), text(svc, "spec", "type"), clusterIP(svc),
        externalIP(svc), ports.isEmpty() ? NONE : ports, Cells.age(svc, now),
        Cells.formatLabels(Json.at(svc, "spec", "selector")));
  }

  // The internal type fills clusterIPs from clusterIP, so either prints.
  private static String clusterIP(JsonNode svc) {
    List<JsonNode> ips = items(svc, "spec", "clusterIPs");
    String ip = ips.isEmpty() ? text(svc, "spec", "clusterIP") : ips.get(0).asText();
    return ip.isEmpty() ? NONE : ip;
  }

  /** getServiceExternalIP; the server always computes the wide (unclipped) form. */
  static String externalIP(JsonNode svc) {
    List<String> external = new ArrayList<>();
    items(svc, "spec", "externalIPs").forEach(n -> external.add(n.asText()));
    switch (text(svc, "spec", "type")) {
      case "ClusterIP", "NodePort" -> {
        return external.isEmpty() ? NONE : String.join(",", external);
      }
      case "LoadBalancer" -> {
        // A sorted set, as sets.NewString(...).List().
        TreeSet<String> lb = new TreeSet<>();
        for (JsonNode in : items(svc, "status", "loadBalancer", "ingress")) {
          String ip = text(in, "ip");
          String host = text(in, "hostname");
          if (!ip.isEmpty()) {
            lb.add(ip);
          } else if (!host.isEmpty()) {
            lb.add(host);
          }
        }
        List<String> all = new ArrayList<>(lb);
        all.addAll(external);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> {
        return text(svc, "spec", "externalName");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  /** makePortString: {@code 80/TCP}, or {@code 80:30080/TCP} with a node port. */
  static String ports(JsonNode svc) {
    List<String> pieces = new ArrayList<>();
    for (JsonNode p : items(svc, "spec", "ports")) {
      long nodePort = integer(p, "nodePort");
      String protocol = text(p, "protocol");
      pieces.add(nodePort > 0
          ? integer(p, "port") + ":" + nodePort + "/" + protocol
          : integer(p, "port") + "/" + protocol);
    }
    return String.join(",", pieces);
  }
}
