package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.integer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Deployments: Name, Ready, Up-to-date, Available, Age (+ Containers, Images, Selector). */
final class DeploymentConvertor implements TableConvertor {
  static final DeploymentConvertor INSTANCE = new DeploymentConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Ready", "Number of the pod with ready state"),
      Column.string("Up-to-date", "Total number of non-terminated pods targeted by this"
          + " deployment that have the desired template spec."),
      Column.string("Available", "Total number of available pods (ready for at least"
          + " minReadySeconds) targeted by this deployment."),
      Column.AGE,
      Column.wide("Containers", "Names of each container in the template."),
      Column.wide("Images", "Images referenced by each container in the template."),
      Column.wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are"
          + " selected by this will be the ones affected by this deployment."));

  private DeploymentConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode d, Instant now) {
    String[] containers = Cells.containersAndImages(Json.at(d, "spec", "template", "spec"));
    String ready = integer(d, "status", "readyReplicas") + "/"
        + ReplicaSetConvertor.desiredReplicas(d);
    // Unlike the other workloads, an empty selector prints as "" here, not <none>.
    return Arrays.asList(Cells.name(d), ready, integer(d, "status", "updatedReplicas"),
        integer(d, "status", "availableReplicas"), Cells.age(d, now), containers[0],
        containers[1], Cells.selectorString(Json.at(d, "spec", "selector"), "<invalid>"));
  }
}
