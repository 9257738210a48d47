package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
      "127.0.0.1, 6443, https://127.0.0.1:6443",
      "0.0.0.0,   6443, https://127.0.0.1:6443",
      "10.0.0.5,  7443, https://10.0.0.5:7443",
      "::1,       6443, https://[::1]:6443",
      "::,        6443, https://[::1]:6443",
  })
  void serverUrlIsSomethingAClientCanConnectTo(String bind, int port, String url) {
    assertThat(Kubeconfig.serverUrl("https", bind, port)).isEqualTo(url);
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
