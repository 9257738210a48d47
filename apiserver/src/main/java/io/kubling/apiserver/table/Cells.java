package io.kubling.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.selection.LabelSelector;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the fields cells are made of with Go's zero values for what is missing ("" and 0), and
 * formats them as printers.go does.
 */
final class Cells {
  static final String NONE = "<none>";
  // metav1.Time's zero value, which Go prints as <unknown> like a missing timestamp.
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private Cells() {}

  static String text(JsonNode n, String... path) {
    String s = Json.text(n, path);
    return s == null ? "" : s;
  }

  static long integer(JsonNode n, String... path) {
    JsonNode v = Json.at(n, path);
    return v != null && v.isNumber() ? v.asLong() : 0;
  }

  static boolean bool(JsonNode n, String... path) {
    JsonNode v = Json.at(n, path);
    return v != null && v.asBoolean(false);
  }

  /** The elements of a list field; empty when missing or not a list. */
  static List<JsonNode> items(JsonNode n, String... path) {
    JsonNode v = Json.at(n, path);
    List<JsonNode> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(out::add);
    }
    return out;
  }

  /** The number of entries of a map or list field. */
  static long size(JsonNode n, String... path) {
    JsonNode v = Json.at(n, path);
    return v != null && (v.isObject() || v.isArray()) ? v.size() : 0;
  }

  /** A metav1.Time or MicroTime; null when missing, unparsable or Go's zero time. */
  static Instant timestamp(JsonNode n, String... path) {
    String s = Json.text(n, path);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      Instant t = OffsetDateTime.parse(s).toInstant();
      return t.equals(GO_ZERO_TIME) ? null : t;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The AGE cell: the creationTimestamp's age, or {@code <unknown>}. */
  static String age(JsonNode obj, Instant now) {
    return HumanDuration.since(timestamp(obj, "metadata", "creationTimestamp"), now);
  }

  static String name(JsonNode obj) {
    String n = Meta.name(obj);
    return n == null ? "" : n;
  }

  /** labels.FormatLabels: {@code k=v} sorted by key and joined by commas, {@code <none>} if empty. */
  static String formatLabels(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>(Meta.stringMap(map));
    if (sorted.isEmpty()) {
      return NONE;
    }
    return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** metav1.FormatLabelSelector: {@code <none>} when it selects everything or nothing. */
  static String formatLabelSelector(JsonNode selector) {
    String s = selectorString(selector, "<error>");
    return s.isEmpty() ? NONE : s;
  }

  /** LabelSelectorAsSelector(s).String(): "" for everything and nothing, {@code invalid} on errors. */
  static String selectorString(JsonNode selector, String invalid) {
    try {
      return LabelSelector.fromJson(selector).toString();
    } catch (IllegalArgumentException e) {
      return invalid;
    }
  }

  /** layoutContainerCells: the names and the images of containers, each joined by commas. */
  static String[] containersAndImages(JsonNode podSpec) {
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : items(podSpec, "containers")) {
      names.add(text(c, "name"));
      images.add(text(c, "image"));
    }
    return new String[] {String.join(",", names), String.join(",", images)};
  }

  /** listWithMoreString: up to three items, then {@code + N more...}; {@code <unset>} if none. */
  static String listWithMore(List<String> all) {
    int max = 3;
    if (all.size() > max) {
      return String.join(",", all.subList(0, max)) + " + " + (all.size() - max) + " more...";
    }
    return all.isEmpty() ? "<unset>" : String.join(",", all);
  }
}
