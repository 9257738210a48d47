package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.integer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** ReplicaSets: Name, Desired, Current, Ready, Age (+ Containers, Images, Selector). */
final class ReplicaSetConvertor implements TableConvertor {
  static final ReplicaSetConvertor INSTANCE = new ReplicaSetConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.integer("Desired", "Replicas is the number of desired pods. This is a pointer to"
          + " distinguish between explicit zero and unspecified. Defaults to 1."),
      Column.integer("Current", "Replicas is the most recently observed number of replicas."),
      Column.integer("Ready", "The number of ready replicas for this replica set. A pod is"
          + " considered ready when it has a Ready condition with status True."),
      Column.AGE,
      Column.wide("Containers", "Names of each container in the template."),
      Column.wide("Images", "Images referenced by each container in the template."),
      Column.wide("Selector", "Selector is a label query over pods that should match the"
          + " replica count."));

  private ReplicaSetConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode rs, Instant now) {
    String[] containers = Cells.containersAndImages(Json.at(rs, "spec", "template", "spec"));
    return Arrays.asList(Cells.name(rs), desiredReplicas(rs), integer(rs, "status", "replicas"),
        integer(rs, "status", "readyReplicas"), Cells.age(rs, now), containers[0], containers[1],
        Cells.formatLabelSelector(Json.at(rs, "spec", "selector")));
  }

  /** spec.replicas, defaulted to 1 as a stored object always is. */
  static long desiredReplicas(ObjectNode obj) {
    return Json.at(obj, "spec", "replicas") == null ? 1 : integer(obj, "spec", "replicas");
  }
}
