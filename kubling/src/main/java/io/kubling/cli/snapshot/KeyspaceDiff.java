package io.kubling.cli.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Compares two key spaces, each sorted by key: pure, one line per difference. */
final class KeyspaceDiff {
  private KeyspaceDiff() {}

  static List<String> compare(List<KeyValue> live, List<KeyValue> restored) {
    List<String> diffs = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < live.size() || j < restored.size()) {
      KeyValue a = i < live.size() ? live.get(i) : null;
      KeyValue b = j < restored.size() ? restored.get(j) : null;
      int c = a == null ? 1 : b == null ? -1 : Arrays.compareUnsigned(a.key(), b.key());
      if (c < 0) {
        diffs.add(a.printableKey() + ": missing from the restored copy");
        i++;
      } else if (c > 0) {
        diffs.add(b.printableKey() + ": in the restored copy only");
        j++;
      } else {
        if (!a.sameAs(b)) {
          diffs.add(a.printableKey() + ": " + what(a, b));
        }
        i++;
        j++;
      }
    }
    return diffs;
  }

  private static String what(KeyValue live, KeyValue restored) {
    List<String> parts = new ArrayList<>();
    if (live.modRevision() != restored.modRevision()) {
      parts.add("mod revision " + live.modRevision() + " live, " + restored.modRevision()
          + " restored");
    }
    if (live.createRevision() != restored.createRevision()) {
      parts.add("create revision " + live.createRevision() + " live, "
          + restored.createRevision() + " restored");
    }
    if (live.version() != restored.version()) {
      parts.add("version " + live.version() + " live, " + restored.version() + " restored");
    }
    if (!Arrays.equals(live.value(), restored.value())) {
      parts.add("values differ");
    }
    return String.join("; ", parts);
  }
}
