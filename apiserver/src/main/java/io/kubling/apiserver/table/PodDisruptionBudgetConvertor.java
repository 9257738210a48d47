package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** PodDisruptionBudgets: Name, Min Available, Max Unavailable, Allowed Disruptions, Age. */
final class PodDisruptionBudgetConvertor implements TableConvertor {
  static final PodDisruptionBudgetConvertor INSTANCE = new PodDisruptionBudgetConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Min Available", "The minimum number of pods that must be available."),
      Column.string("Max Unavailable", "The maximum number of pods that may be unavailable."),
      Column.integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at"
          + " this time."),
      Column.AGE);

  private PodDisruptionBudgetConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pdb, Instant now) {
    return Arrays.asList(Cells.name(pdb), intOrString(Json.at(pdb, "spec", "minAvailable")),
        intOrString(Json.at(pdb, "spec", "maxUnavailable")),
        Cells.integer(pdb, "status", "disruptionsAllowed"), Cells.age(pdb, now));
  }

  /** IntOrString.String(), or {@code N/A} when unset. */
  private static String intOrString(JsonNode v) {
    if (v == null) {
      return "N/A";
    }
    return v.isNumber() ? Long.toString(v.asLong()) : v.asText();
  }
}
