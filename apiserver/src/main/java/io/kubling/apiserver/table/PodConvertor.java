package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.NONE;
import static io.kubling.apiserver.table.Cells.items;
import static io.kubling.apiserver.table.Cells.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Pods: Name, Ready, Status, Restarts, Age (+ IP, Node, Nominated Node, Readiness Gates). */
final class PodConvertor implements TableConvertor {
  static final PodConvertor INSTANCE = new PodConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
      Column.string("Status", "The aggregate status of the containers in this pod."),
      Column.string("Restarts", "The number of times the containers in this pod have been"
          + " restarted and when the last container in this pod has restarted."),
      Column.AGE,
      Column.wide("IP", "podIP address allocated to the pod. Routable at least within the"
          + " cluster. Empty if not yet allocated."),
      Column.wide("Node", "NodeName indicates in which node this pod is scheduled. If empty,"
          + " this pod is a candidate for scheduling by the scheduler defined in schedulerName."),
      Column.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other"
          + " pods on the node, but it cannot be scheduled right away as preemption victims"
          + " receive their graceful termination periods."),
      Column.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for"
          + " pod readiness."));

  private PodConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pod, Instant now) {
    PodSummary s = PodSummary.of(pod);
    return Arrays.asList(Cells.name(pod), s.ready() + "/" + s.total(), s.reason(),
        s.restartsCell(now), Cells.age(pod, now),
        orNone(podIP(pod)), orNone(text(pod, "spec", "nodeName")),
        orNone(text(pod, "status", "nominatedNodeName")), readinessGates(pod));
  }

  // The internal type fills podIPs from podIP, so a pod carrying only podIP prints it too.
  private static String podIP(JsonNode pod) {
    List<JsonNode> ips = items(pod, "status", "podIPs");
    return ips.isEmpty() ? text(pod, "status", "podIP") : text(ips.get(0), "ip");
  }

  private static String readinessGates(JsonNode pod) {
    List<JsonNode> gates = items(pod, "spec", "readinessGates");
    if (gates.isEmpty()) {
      return NONE;
    }
    int trueConditions = 0;
    for (JsonNode gate : gates) {
      for (JsonNode c : items(pod, "status", "conditions")) {
        if (text(c, "type").equals(text(gate, "conditionType"))) {
          trueConditions += "True".equals(text(c, "status")) ? 1 : 0;
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  private static String orNone(String s) {
    return s.isEmpty() ? NONE : s;
  }
}
