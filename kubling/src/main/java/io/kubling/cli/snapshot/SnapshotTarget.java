package io.kubling.cli.snapshot;

import java.nio.file.Path;
import io.kubling.cli.etcd.EtcdClientTls;
import java.util.List;
import picocli.CommandLine.Option;

/** Where snapshots live and which etcd they come from: shared by the etcd-snapshot commands. */
final class SnapshotTarget {
  @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "<dir>",
      description = "The server's data dir; snapshots live in <data-dir>/snapshots."
          + " Env: KUBLING_DATA_DIR.")
  Path dataDir;

  @Option(names = "--etcd-servers", split = ",", defaultValue = "https://127.0.0.1:2379",
      paramLabel = "<url>", description = "Client URLs of the server's etcd."
          + " Env: KUBLING_ETCD_SERVERS.")
  List<String> etcdServers;

  @Option(names = "--cacert", paramLabel = "<file>", description = "CA of etcd's serving"
      + " certificate (default for https: <data-dir>/pki/etcd/ca.crt). Env: KUBLING_CACERT.")
  Path caFile;

  @Option(names = "--cert", paramLabel = "<file>", description = "Client certificate for etcd"
      + " (default for https: <data-dir>/pki/apiserver-etcd-client.crt). Env: KUBLING_CERT.")
  Path certFile;

  @Option(names = "--key", paramLabel = "<file>", description = "Key of --cert (default for"
      + " https: <data-dir>/pki/apiserver-etcd-client.key). Env: KUBLING_KEY.")
  Path keyFile;

  /** etcdctl's --cacert/--cert/--key if given, else the server's own from its data dir. */
  EtcdClientTls tls() {
    if (caFile == null && certFile == null && keyFile == null) {
      return EtcdClientTls.defaultFor(etcdServers, dataDir.toAbsolutePath().normalize());
    }
    if ((certFile == null) != (keyFile == null)) {
      throw new io.kubling.cli.UserError("--cert and --key go together");
    }
    return new EtcdClientTls(caFile, certFile, keyFile);
  }

  SnapshotStore store() {
    return SnapshotStore.inDataDir(dataDir.toAbsolutePath().normalize());
  }
}
