package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The generic registry's table (rest.NewDefaultTableConvertor), served for resources without
 * printer columns, e.g. roles and clusterroles: Name and Created At, an RFC 3339 UTC timestamp.
 */
final class DefaultTableConvertor implements TableConvertor {
  static final DefaultTableConvertor INSTANCE = new DefaultTableConvertor();

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      new Column("Created At", "date", "", Column.CREATION_DOC, 0));

  private DefaultTableConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    Instant created = Cells.timestamp(obj, "metadata", "creationTimestamp");
    // Go formats a missing timestamp as its zero time.
    String at = created == null ? "0001-01-01T00:00:00Z"
        : RFC3339.format(created.truncatedTo(ChronoUnit.SECONDS));
    return Arrays.asList(Cells.name(obj), at);
  }
}
