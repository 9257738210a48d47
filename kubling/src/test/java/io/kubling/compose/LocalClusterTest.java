package io.kubling.compose;

import static io.kubling.testkit.Requirements.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.agent.host.NodeHosts;
import io.kubling.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@link LocalCluster} honours {@code service_completed_successfully} as compose does: a
 * one-shot that exits non-zero stops the run before anything that depends on it starts.
 */
class LocalClusterTest {
  @TempDir
  Path tmp;

  @Test
  void aOneShotThatFailsStopsTheRunBeforeItsDependentsStart() throws Exception {
    require(NodeHosts.usable(), "needs root, iproute2, nsenter and /usr/lib/cni");
    // compose.yaml's pki and etcd only, pki given a flag it refuses (exit 2).
    ComposeFile real = ComposeFile.load();
    Map<String, Object> services = new LinkedHashMap<>();
    Map<String, Object> pki = new LinkedHashMap<>(real.service("pki").body());
    List<String> command = new ArrayList<>(real.service("pki").command());
    command.replaceAll(a -> a.startsWith("--server=") ? "--server=http://apiserver:6443" : a);
    pki.put("command", command);
    services.put("pki", pki);
    services.put("etcd", real.service("etcd").body());
    Map<String, Object> root = new LinkedHashMap<>(real.root);
    root.put("services", services);
    Path file = tmp.resolve("compose.yaml");
    Files.writeString(file, new Yaml().dump(root));
    ComposeFile compose = ComposeFile.load(file);
    Dockerfile dockerfile = Dockerfile.load(ComposeFile.repoRoot().resolve("Dockerfile"));

    assertThatThrownBy(() -> LocalCluster.up(compose, dockerfile, Main.class.getName()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("pki exited with 2 (service_completed_successfully wants 0)")
        .hasMessageContaining("Invalid value for option '--server'");
  }
}
