package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Leases: Name, Holder (spec.holderIdentity), Age. */
final class LeaseConvertor implements TableConvertor {
  static final LeaseConvertor INSTANCE = new LeaseConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Holder", "holderIdentity contains the identity of the holder of a"
          + " current lease. If Coordinated Leader Election is used, the holder identity must"
          + " be equal to the elected LeaseCandidate.metadata.name field."),
      Column.AGE);

  private LeaseConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    return Arrays.asList(Cells.name(obj), Cells.text(obj, "spec", "holderIdentity"), Cells.age(obj, now));
  }
}
