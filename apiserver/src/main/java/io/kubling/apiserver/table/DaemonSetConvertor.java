package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.integer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * DaemonSets: Name, Desired, Current, Ready, Up-to-date, Available, Node Selector, Age
 * (+ Containers, Images, Selector).
 */
final class DaemonSetConvertor implements TableConvertor {
  static final DaemonSetConvertor INSTANCE = new DaemonSetConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.integer("Desired", "The total number of nodes that should be running the daemon"
          + " pod (including nodes correctly running the daemon pod)."),
      Column.integer("Current", "The number of nodes that are running at least 1 daemon pod"
          + " and are supposed to run the daemon pod."),
      Column.integer("Ready", "The number of nodes that should be running the daemon pod and"
          + " have one or more of the daemon pod running and ready."),
      Column.integer("Up-to-date", "The total number of nodes that are running updated daemon"
          + " pod"),
      Column.integer("Available", "The number of nodes that should be running the daemon pod"
          + " and have one or more of the daemon pod running and available (ready for at least"
          + " spec.minReadySeconds)"),
      Column.string("Node Selector", "NodeSelector is a selector which must be true for the pod"
          + " to fit on a node. Selector which must match a node's labels for the pod to be"
          + " scheduled on that node."),
      Column.AGE,
      Column.wide("Containers", "Names of each container in the template."),
      Column.wide("Images", "Images referenced by each container in the template."),
      Column.wide("Selector", "A label query over pods that are managed by the daemon set."));

  private DaemonSetConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode ds, Instant now) {
    String[] containers = Cells.containersAndImages(Json.at(ds, "spec", "template", "spec"));
    return Arrays.asList(Cells.name(ds), integer(ds, "status", "desiredNumberScheduled"),
        integer(ds, "status", "currentNumberScheduled"), integer(ds, "status", "numberReady"),
        integer(ds, "status", "updatedNumberScheduled"),
        integer(ds, "status", "numberAvailable"),
        Cells.formatLabels(Json.at(ds, "spec", "template", "spec", "nodeSelector")),
        Cells.age(ds, now), containers[0], containers[1],
        Cells.formatLabelSelector(Json.at(ds, "spec", "selector")));
  }
}
