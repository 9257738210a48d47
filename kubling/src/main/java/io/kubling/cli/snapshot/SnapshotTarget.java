package io.kubling.cli.snapshot;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where snapshots live and which etcd they come from: shared by the etcd-snapshot commands. */
final class SnapshotTarget {
  @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "<dir>",
      description = "The server's data dir; snapshots live in <data-dir>/snapshots."
          + " Env: KUBLING_DATA_DIR.")
  Path dataDir;

  @Option(names = "--etcd-servers", split = ",", defaultValue = "http://127.0.0.1:2379",
      paramLabel = "<url>", description = "Client URLs of the server's etcd."
          + " Env: KUBLING_ETCD_SERVERS.")
  List<String> etcdServers;

  SnapshotStore store() {
    return SnapshotStore.inDataDir(dataDir.toAbsolutePath().normalize());
  }
}
