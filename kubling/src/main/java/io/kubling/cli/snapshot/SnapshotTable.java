package io.kubling.cli.snapshot;

import java.util.ArrayList;
import java.util.List;

/** {@code kubling etcd-snapshot ls} output: a kubectl-style table, columns padded. */
final class SnapshotTable {
  static final List<String> HEADER = List.of("NAME", "SIZE", "REVISION", "TIME", "SHA256");

  private SnapshotTable() {}

  static String render(List<SnapshotMeta> snapshots) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (SnapshotMeta m : snapshots) {
      rows.add(List.of(m.name(), Long.toString(m.size()), Long.toString(m.revision()),
          m.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), m.sha256()));
    }
    int[] width = new int[HEADER.size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        sb.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (width[i] + 3) + "s",
            r.get(i)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
