package io.kubling.cli.etcd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the {@code etcd} binary the way a shell would: the first executable on PATH. */
public final class EtcdBinary {
  /** What the user reads when etcd is missing: the fix, on one line. */
  public static final String NOT_FOUND = "etcd not found on PATH: install Debian's etcd-server"
      + " package (apt-get install etcd-server)";

  private EtcdBinary() {}

  public static Optional<Path> onPath(String path) {
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue; // an empty entry means the working dir; a shell would, we don't
      }
      Path candidate = Path.of(dir, "etcd");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
