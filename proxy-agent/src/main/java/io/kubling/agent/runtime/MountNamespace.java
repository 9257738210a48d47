package io.kubling.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a container process sees its volumes without touching the node's mounts: it starts
 * through {@code unshare --mount --propagation private} (util-linux), and in that private
 * mount namespace each host directory is bind-mounted read-only at its container path. The
 * mounts live and die with the container's processes; the host only ever gets the (empty)
 * mountpoint directories.
 */
final class MountNamespace {
  /** Binds each (host, target) pair read-only, then runs what follows "--". */
  static final String SCRIPT = "while [ \"$1\" != -- ]; do"
      + " mount --bind \"$1\" \"$2\" && mount -o remount,bind,ro \"$2\" || exit 126;"
      + " shift 2; done; shift; exec \"$@\"";

  private MountNamespace() {}

  /** The command prefix for mounts, or nothing when there are none. */
  static List<String> prefix(Map<String, Path> mounts) throws IOException {
    if (mounts.isEmpty()) {
      return List.of();
    }
    List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation",
        "private", "sh", "-c", SCRIPT, "sh"));
    for (Map.Entry<String, Path> m : new TreeMap<>(mounts).entrySet()) {
      // A mountpoint must exist; an empty directory on the host is all this leaves there.
      Files.createDirectories(Path.of(m.getKey()));
      cmd.add(m.getValue().toString());
      cmd.add(m.getKey());
    }
    cmd.add("--");
    return cmd;
  }
}
