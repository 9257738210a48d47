package io.kubling.cli.snapshot;

import io.etcd.jetcd.Client;
import io.kubling.cli.etcd.EtcdClientTls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** jetcd clients for snapshot work, and a quick check that etcd answers at all. */
final class EtcdClients {
  private EtcdClients() {}

  static Client connect(List<String> endpoints) {
    return connect(endpoints, EtcdClientTls.NONE);
  }

  /** With tls: an etcd with --client-cert-auth takes only clients showing an etcd-CA cert. */
  static Client connect(List<String> endpoints, EtcdClientTls tls) {
    try {
      return tls.applyTo(Client.builder().endpoints(endpoints.toArray(String[]::new))
          .connectTimeout(Duration.ofSeconds(2))
          .retryMaxDuration(Duration.ofSeconds(10))
          .maxInboundMessageSize(256 << 20))
          .build();
    } catch (io.kubling.cli.etcd.EtcdException e) {
      throw new SnapshotException(e.getMessage());
    }
  }

  /** The current revision; fails within 15 s with one line when etcd does not answer. */
  static long revision(Client client, List<String> endpoints) {
    try {
      return client.getMaintenanceClient().statusMember(endpoints.get(0))
          .get(15, TimeUnit.SECONDS).getHeader().getRevision();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("interrupted while asking etcd");
    } catch (Exception e) {
      throw new SnapshotException("etcd at " + String.join(",", endpoints) + " does not answer: "
          + Snapshotter.rootMessage(e));
    }
  }
}
