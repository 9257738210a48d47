package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Namespaces: Name, Status, Age. */
final class NamespaceConvertor implements TableConvertor {
  static final NamespaceConvertor INSTANCE = new NamespaceConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Status", "The status of the namespace"),
      Column.AGE);

  private NamespaceConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    return Arrays.asList(Cells.name(obj), Cells.text(obj, "status", "phase"), Cells.age(obj, now));
  }
}
