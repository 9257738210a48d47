package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.StorageSecurity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The opt-in security flags reach the API server's options, from flags or KUBLING_* env. */
class SecurityFlagsTest {
  @Test
  void flagsAndEnvironmentFillStorageSecurity() {
    CommandLine cmd = Main.commandLine(Map.of(
        "KUBLING_ENCRYPTION_PROVIDER_CONFIG", "/etc/kubling/enc.yaml",
        "KUBLING_ETCD_CAFILE", "/pki/etcd/ca.crt")::get);
    cmd.parseArgs("apiserver", "--etcd-servers", "https://127.0.0.1:2379",
        "--etcd-certfile", "/pki/apiserver-etcd-client.crt",
        "--etcd-keyfile", "/pki/apiserver-etcd-client.key");
    ApiServerCommand api = cmd.getSubcommands().get("apiserver").getCommand();
    StorageSecurity s = api.api.toOptions(List.of("https://127.0.0.1:2379")).storageSecurity();
    assertThat(s).isEqualTo(new StorageSecurity(Path.of("/etc/kubling/enc.yaml"),
        Path.of("/pki/etcd/ca.crt"), Path.of("/pki/apiserver-etcd-client.crt"),
        Path.of("/pki/apiserver-etcd-client.key")));
  }

  @Test
  void everythingIsOffByDefault() {
    CommandLine cmd = Main.commandLine(name -> null);
    cmd.parseArgs("server");
    ServerCommand server = cmd.getSubcommands().get("server").getCommand();
    assertThat(server.api.toOptions(List.of("http://127.0.0.1:2379")).storageSecurity())
        .isEqualTo(StorageSecurity.NONE);
  }
}
