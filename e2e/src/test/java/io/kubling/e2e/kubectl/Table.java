package io.kubling.e2e.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table of kubectl's human-readable output, cut into cells at the offsets of the header's
 * columns (kubectl pads every column to one width, and headers like NOMINATED NODE hold a
 * single space, so splitting rows on blanks would not do).
 */
record Table(List<String> columns, List<Map<String, String>> rows) {
  private static final Pattern COLUMN = Pattern.compile("\\S+(?: \\S+)*");

  /** The tables of an output, e.g. of {@code get svc,deploy}: blank lines separate them. */
  static List<Table> parseAll(String out) {
    List<Table> tables = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String line : (out + "\n").split("\n", -1)) {
      if (line.isBlank()) {
        if (!lines.isEmpty()) {
          tables.add(of(lines));
          lines = new ArrayList<>();
        }
      } else {
        lines.add(line);
      }
    }
    return tables;
  }

  /** The one table of an output. */
  static Table parse(String out) {
    List<Table> all = parseAll(out);
    if (all.size() != 1) {
      throw new AssertionError("expected one table, got " + all.size() + ":\n" + out);
    }
    return all.get(0);
  }

  private static Table of(List<String> lines) {
    List<String> columns = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    Matcher m = COLUMN.matcher(lines.get(0));
    while (m.find()) {
      columns.add(m.group());
      starts.add(m.start());
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        int from = Math.min(starts.get(i), line.length());
        int to = i + 1 < columns.size() ? Math.min(starts.get(i + 1), line.length())
            : line.length();
        row.put(columns.get(i), line.substring(from, to).trim());
      }
      rows.add(row);
    }
    return new Table(List.copyOf(columns), List.copyOf(rows));
  }

  /** The row whose NAME is name; fails if there is none. */
  Map<String, String> row(String name) {
    return rows.stream().filter(r -> name.equals(r.get("NAME"))).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
  }

  List<String> column(String column) {
    return rows.stream().map(r -> r.get(column)).toList();
  }
}
