package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.NONE;
import static io.kubling.apiserver.table.Cells.items;
import static io.kubling.apiserver.table.Cells.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Nodes: Name, Status, Roles, Age, Version (+ Internal-IP, External-IP, OS-Image,
 * Kernel-Version, Container-Runtime).
 */
final class NodeConvertor implements TableConvertor {
  static final NodeConvertor INSTANCE = new NodeConvertor();

  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";
  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Status", "The status of the node"),
      Column.string("Roles", "The roles of the node"),
      Column.AGE,
      Column.string("Version", "Kubelet Version reported by the node."),
      Column.wide("Internal-IP", "List of addresses reachable to the node."),
      Column.wide("External-IP", "List of addresses reachable to the node."),
      Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release"
          + " (e.g. Debian GNU/Linux 7 (wheezy))."),
      Column.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r'"
          + " (e.g. 3.16.0-0.bpo.4-amd64)."),
      Column.wide("Container-Runtime", "ContainerRuntime Version reported by the node through"
          + " runtime remote API (e.g. containerd://1.4.2)."));

  private NodeConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode node, Instant now) {
    return Arrays.asList(Cells.name(node), status(node), roles(node), Cells.age(node, now),
        text(node, "status", "nodeInfo", "kubeletVersion"),
        address(node, "InternalIP"), address(node, "ExternalIP"),
        orUnknown(text(node, "status", "nodeInfo", "osImage")),
        orUnknown(text(node, "status", "nodeInfo", "kernelVersion")),
        orUnknown(text(node, "status", "nodeInfo", "containerRuntimeVersion")));
  }

  /** Ready, NotReady (the Ready condition False or Unknown) or Unknown, then SchedulingDisabled. */
  static String status(JsonNode node) {
    List<String> status = new ArrayList<>();
    String ready = null;
    for (JsonNode c : items(node, "status", "conditions")) {
      if ("Ready".equals(text(c, "type"))) {
        ready = text(c, "status"); // the last one wins, as in the upstream map
      }
    }
    if (ready != null) {
      status.add("True".equals(ready) ? "Ready" : "NotReady");
    } else {
      status.add("Unknown");
    }
    if (Cells.bool(node, "spec", "unschedulable")) {
      status.add("SchedulingDisabled");
    }
    return String.join(",", status);
  }

  static String roles(JsonNode node) {
    TreeSet<String> roles = new TreeSet<>();
    for (Map.Entry<String, String> l : Meta.labels(node).entrySet()) {
      if (l.getKey().startsWith(ROLE_PREFIX)) {
        String role = l.getKey().substring(ROLE_PREFIX.length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (l.getKey().equals(ROLE_LABEL) && !l.getValue().isEmpty()) {
        roles.add(l.getValue());
      }
    }
    return roles.isEmpty() ? NONE : String.join(",", roles);
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode a : items(node, "status", "addresses")) {
      if (type.equals(text(a, "type"))) {
        return text(a, "address");
      }
    }
    return NONE;
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }
}
