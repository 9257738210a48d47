package io.kubling.cli.snapshot;

import java.time.Duration;
import java.util.List;

/**
 * What a drill found.
 *
 * @param snapshot the snapshot the drill took (in a temp dir, gone after the drill)
 * @param previous the newest saved snapshot before the drill, or null when there is none
 * @param keys how many keys were compared
 * @param differences one line per key that differs between live and restored
 * @param rto from the start of the restore to a ready API server on the restored copy
 */
public record DrillReport(SnapshotMeta snapshot, SnapshotMeta previous, int keys,
    List<String> differences, Duration rto) {

  public boolean passed() {
    return differences.isEmpty();
  }

  /** The report as printed by {@code kubling etcd-snapshot drill}. */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>();
    out.add("snapshot: revision " + snapshot.revision() + ", " + snapshot.size() + " bytes,"
        + " sha256 " + snapshot.sha256());
    out.add("compared: " + keys + " keys at revision " + snapshot.revision() + ", "
        + differences.size() + " differences");
    differences.stream().limit(20).forEach(d -> out.add("  differs: " + d));
    if (differences.size() > 20) {
      out.add("  … and " + (differences.size() - 20) + " more");
    }
    out.add(previous == null
        ? "RPO: no saved snapshot yet: a restore today would lose everything"
        : "RPO: " + Math.max(0, snapshot.revision() - previous.revision()) + " revisions, "
            + human(Duration.between(previous.time(), snapshot.time())) + " since snapshot "
            + previous.name() + " (revision " + previous.revision() + ")");
    out.add("RTO: " + human(rto) + " from restore start to a ready API server");
    out.add(passed() ? "drill passed" : "drill FAILED: " + differences.size()
        + " keys differ between the live store and the restored copy");
    return out;
  }

  static String human(Duration d) {
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    if (d.toMinutes() == 0) {
      return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    if (d.toHours() == 0) {
      return d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }
    if (d.toDays() == 0) {
      return d.toHours() + "h" + d.toMinutesPart() + "m";
    }
    return d.toDays() + "d" + d.toHoursPart() + "h";
  }
}
