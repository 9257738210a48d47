package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** ServiceAccounts: Name, Secrets (how many are listed), Age. */
final class ServiceAccountConvertor implements TableConvertor {
  static final ServiceAccountConvertor INSTANCE = new ServiceAccountConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Secrets", "Secrets is a list of the secrets in the same namespace that"
          + " pods running using this ServiceAccount are allowed to use."),
      Column.AGE);

  private ServiceAccountConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    return Arrays.asList(Cells.name(obj), Cells.size(obj, "secrets"), Cells.age(obj, now));
  }
}
