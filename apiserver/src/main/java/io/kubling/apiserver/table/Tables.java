package io.kubling.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import java.time.Instant;
import java.util.List;

/**
 * Builds meta.k8s.io/v1 Table bodies, as kube-apiserver answers {@code as=Table} requests: for a
 * list, for one object (a GET), and for each object of a watch.
 */
public final class Tables {
  public static final String API_VERSION = "meta.k8s.io/v1";

  private Tables() {}

  /**
   * A Table of objects in the order given.
   *
   * @param cols the column definitions, normally {@code c.columns()}; null leaves
   *     {@code columnDefinitions} out, as a watch does after its first event
   * @param resourceVersion {@code metadata.resourceVersion}; null or empty is left out
   * @param continueToken {@code metadata.continue}; null or empty is left out (no more pages)
   * @param remaining {@code metadata.remainingItemCount}; null is left out
   */
  public static ObjectNode table(List<Column> cols, List<ObjectNode> objects, TableConvertor c,
      String resourceVersion, String continueToken, Long remaining, IncludeObject includeObject,
      Instant now) {
    requireNonNull(objects, "objects should not be null");
    requireNonNull(c, "c should not be null");
    requireNonNull(includeObject, "includeObject should not be null");
    requireNonNull(now, "now should not be null");
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", API_VERSION);
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      metadata.put("continue", continueToken);
    }
    if (remaining != null) {
      metadata.put("remainingItemCount", remaining);
    }
    if (cols != null) {
      ArrayNode defs = table.putArray("columnDefinitions");
      for (Column col : cols) {
        defs.addObject().put("name", col.name()).put("type", col.type())
            .put("format", col.format()).put("description", col.description())
            .put("priority", col.priority());
      }
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode obj : objects) {
      rows.add(row(c, obj, includeObject, now));
    }
    return table;
  }

  /** The Table of a list page, with the convertor's columns. */
  public static ObjectNode list(TableConvertor c, List<ObjectNode> objects,
      String resourceVersion, String continueToken, Long remaining, IncludeObject includeObject,
      Instant now) {
    return table(c.columns(), objects, c, resourceVersion, continueToken, remaining,
        includeObject, now);
  }

  /** The one-row Table a GET of one object answers; its resourceVersion is the object's. */
  public static ObjectNode single(TableConvertor c, ObjectNode obj, IncludeObject includeObject,
      Instant now) {
    return table(c.columns(), List.of(obj), c, Meta.resourceVersion(obj), null, null,
        includeObject, now);
  }

  /**
   * The one-row Table a watch event carries as its object. kube-apiserver sends the column
   * definitions with the first event of a watch only: pass {@code withColumns} for that one.
   */
  public static ObjectNode watchEvent(TableConvertor c, ObjectNode obj,
      IncludeObject includeObject, boolean withColumns, Instant now) {
    return table(withColumns ? c.columns() : null, List.of(obj), c, Meta.resourceVersion(obj),
        null, null, includeObject, now);
  }

  /** One row: its cells and, per includeObject, nothing, a PartialObjectMetadata, or a copy of the object. */
  static ObjectNode row(TableConvertor c, ObjectNode obj, IncludeObject includeObject,
      Instant now) {
    List<Object> cells = c.cells(obj, now);
    if (cells.size() != c.columns().size()) {
      throw new IllegalStateException(cells.size() + " cells for " + c.columns().size()
          + " columns from " + c.getClass().getSimpleName());
    }
    ObjectNode row = Json.object();
    ArrayNode out = row.putArray("cells");
    for (Object cell : cells) {
      addCell(out, cell);
    }
    switch (includeObject) {
      case METADATA -> {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", API_VERSION);
        var metadata = obj.get("metadata");
        partial.set("metadata", metadata instanceof ObjectNode m ? m.deepCopy() : Json.object());
      }
      // A copy: the object may be shared with a cache, and the row may be changed later.
      case OBJECT -> row.set("object", obj.deepCopy());
      case NONE -> { }
    }
    return row;
  }

  private static void addCell(ArrayNode out, Object cell) {
    if (cell == null) {
      out.addNull();
    } else if (cell instanceof String s) {
      out.add(s);
    } else if (cell instanceof Long l) {
      out.add(l);
    } else if (cell instanceof Integer i) {
      out.add(i);
    } else if (cell instanceof Boolean b) {
      out.add(b);
    } else {
      throw new IllegalArgumentException("a cell must be a String, Long, Integer, Boolean or"
          + " null, got " + cell.getClass().getName());
    }
  }
}
