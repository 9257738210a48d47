package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeconfigTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, 6443, http://127.0.0.1:6443",
      "0.0.0.0,   6443, http://127.0.0.1:6443",
      "10.0.0.5,  7443, http://10.0.0.5:7443",
      "::1,       6443, http://[::1]:6443",
      "::,        6443, http://[::1]:6443",
  })
  void serverUrlIsSomethingAClientCanConnectTo(String bind, int port, String url) {
    assertThat(Kubeconfig.serverUrl(bind, port)).isEqualTo(url);
  }

  @Test
  void rendersOneClusterUserAndContext() throws Exception {
    JsonNode c = new ObjectMapper(new YAMLFactory())
        .readTree(Kubeconfig.render("http://127.0.0.1:6443"));
    assertThat(c.path("kind").asText()).isEqualTo("Config");
    assertThat(c.path("current-context").asText()).isEqualTo("kubling");
    assertThat(c.at("/clusters/0/cluster/server").asText()).isEqualTo("http://127.0.0.1:6443");
    assertThat(c.at("/users/0/name").asText()).isEqualTo("admin");
    assertThat(c.at("/users/0/user").isObject()).isTrue();
    assertThat(c.at("/contexts/0/name").asText()).isEqualTo("kubling");
    assertThat(c.at("/contexts/0/context/cluster").asText()).isEqualTo("kubling");
    assertThat(c.at("/contexts/0/context/user").asText()).isEqualTo("admin");
  }

  @Test
  void writesAtomicallyOwnerOnlyAndReplaces() throws Exception {
    Path file = tmp.resolve("sub").resolve("kubeconfig");
    Kubeconfig.writeAtomically(file, "one\n");
    Kubeconfig.writeAtomically(file, "two\n");
    assertThat(file).hasContent("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).as("no temp files left").containsExactly(file);
    }
  }
}
