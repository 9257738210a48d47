package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Secrets: Name, Type, Data (number of data entries), Age. */
final class SecretConvertor implements TableConvertor {
  static final SecretConvertor INSTANCE = new SecretConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Type", "Used to facilitate programmatic handling of secret data. More"
          + " info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
      Column.string("Data", "Data contains the secret data. Each key must consist of"
          + " alphanumeric characters, '-', '_' or '.'. The serialized form of the secret"
          + " data is a base64 encoded string, representing the arbitrary (possibly non-string)"
          + " data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
      Column.AGE);

  private SecretConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    return Arrays.asList(Cells.name(obj), Cells.text(obj, "type"), Cells.size(obj, "data"),
        Cells.age(obj, now));
  }
}
