package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.StorageSecurity;
import io.kubling.cli.etcd.EtcdClientTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubling server's security wiring: which PKI file goes to which kube-apiserver flag. */
class ServerSecurityTest {
  @TempDir
  Path data;

  @Test
  void theApiServerGetsKubeadmsFilesAndModes() {
    List<String> events = new ArrayList<>();
    ServerSecurity s = ServerSecurity.prepare(data, "10.96.0.0/12",
        ServerSecurity.sans("10.1.2.3", List.of("10.250.0.1")), List.of("node1"), events::add);
    assertThat(events).hasSize(1).first().asString().startsWith("certificates made in ");
    Path pki = data.resolve("pki");

    assertThat(s.secureServing()).isEqualTo(new ServingSecurity(pki.resolve("apiserver.crt"),
        pki.resolve("apiserver.key"), pki.resolve("ca.crt"), null,
        List.of(pki.resolve("sa.pub")), pki.resolve("sa.key"),
        "https://kubernetes.default.svc.cluster.local", List.of("Node", "RBAC"), true));
    assertThat(s.serving()).isEqualTo(s.secureServing());
    assertThat(s.scheme()).isEqualTo("https");

    ApiServerOptions own = s.apply(ApiServerOptions.defaults(List.of("https://127.0.0.1:2379")),
        true);
    assertThat(own.storageSecurity()).isEqualTo(StorageSecurity.NONE.withEtcdTls(
        pki.resolve("etcd/ca.crt"), pki.resolve("apiserver-etcd-client.crt"),
        pki.resolve("apiserver-etcd-client.key")));
    // Serving security comes from the flags (ApiServerFlags.toOptions falls back to serving()).
    assertThat(own.servingSecurity()).isEqualTo(ServingSecurity.NONE);
    // Against an etcd it did not start, the operator's --etcd-* flags stay as they were.
    assertThat(s.apply(ApiServerOptions.defaults(List.of("http://e:2379")), false)
        .storageSecurity()).isEqualTo(StorageSecurity.NONE);
    assertThat(s.etcdClient()).isEqualTo(EtcdClientTls.fromPki(pki));

    // The second start reuses what the first made.
    events.clear();
    ServerSecurity.prepare(data, "10.96.0.0/12",
        ServerSecurity.sans("10.1.2.3", List.of("10.250.0.1")), List.of("node1"), events::add);
    assertThat(events).containsExactly("certificates in " + pki + " reused");
  }

  @Test
  void aWildcardBindAddressIsNotACertificateName() {
    assertThat(ServerSecurity.sans("0.0.0.0", List.of("10.250.0.1", "10.250.0.2")))
        .containsExactly("10.250.0.1", "10.250.0.2");
    assertThat(ServerSecurity.sans("192.168.1.5", List.of())).containsExactly("192.168.1.5");
  }

  @Test
  void snapshotCommandsUseTheServersEtcdClientCertificateForHttps() throws Exception {
    ServerSecurity.prepare(data, "10.96.0.0/12", List.of(), List.of(), line -> { });
    assertThat(EtcdClientTls.defaultFor(List.of("https://127.0.0.1:2379"), data))
        .isEqualTo(EtcdClientTls.fromPki(data.resolve("pki")));
    assertThat(EtcdClientTls.defaultFor(List.of("http://127.0.0.1:2379"), data))
        .isEqualTo(EtcdClientTls.NONE);
  }
}
