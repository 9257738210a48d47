package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** ConfigMaps: Name, Data (entries of data and binaryData), Age. */
final class ConfigMapConvertor implements TableConvertor {
  static final ConfigMapConvertor INSTANCE = new ConfigMapConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Data", "Data contains the configuration data. Each key must consist of"
          + " alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences"
          + " must use the BinaryData field. The keys stored in Data must not overlap with the"
          + " keys in the BinaryData field, this is enforced during validation process."),
      Column.AGE);

  private ConfigMapConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    return Arrays.asList(Cells.name(obj),
        Cells.size(obj, "data") + Cells.size(obj, "binaryData"), Cells.age(obj, now));
  }
}
