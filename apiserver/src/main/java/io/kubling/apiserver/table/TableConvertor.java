package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one resource into Table rows: the columns a Kubernetes 1.32 server serves for
 * it and each object's cells, computed as pkg/printers/internalversion/printers.go does.
 */
public interface TableConvertor {
  /** The column definitions, wide ({@code priority 1}) ones included, in cell order. */
  List<Column> columns();

  /**
   * One cell per column, in the order of {@link #columns()}: a String, a Long, or null. Wide
   * cells are always computed, as the server does; kubectl drops them unless {@code -o wide}.
   *
   * @param now the time ages are measured against
   */
  List<Object> cells(ObjectNode obj, Instant now);
}
