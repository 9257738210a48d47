package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** IngressClasses: Name, Controller, Parameters (Kind[.apiGroup]/name), Age. */
final class IngressClassConvertor implements TableConvertor {
  static final IngressClassConvertor INSTANCE = new IngressClassConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Controller", "Controller that is responsible for handling this class"),
      Column.string("Parameters", "A reference to a resource with additional parameters"),
      Column.AGE);

  private IngressClassConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    return Arrays.asList(Cells.name(obj), Cells.text(obj, "spec", "controller"),
        parameters(Json.at(obj, "spec", "parameters")), Cells.age(obj, now));
  }

  private static String parameters(JsonNode p) {
    if (p == null || !p.isObject()) {
      return Cells.NONE;
    }
    String group = Cells.text(p, "apiGroup");
    return Cells.text(p, "kind") + (group.isEmpty() ? "" : "." + group) + "/"
        + Cells.text(p, "name");
  }
}
