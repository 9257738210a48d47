package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kubling certs} as a user runs it: generate, check-expiration, renew. */
class CertsCommandTest {
  @TempDir
  Path dataDir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine(Map.<String, String>of()::get);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return new Result(cmd.execute(args), out.toString(), err.toString());
  }

  @Test
  void generateThenCheckExpirationThenRenew() {
    String dir = dataDir.toString();
    Result none = run("certs", "check-expiration", "--data-dir", dir);
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: no certificates in");

    Result gen = run("certs", "generate", "--data-dir", dir, "--node", "worker-1,worker-2",
        "--apiserver-cert-extra-sans", "10.0.0.5");
    assertThat(gen.code()).as(gen.err()).isZero();
    assertThat(gen.out()).startsWith("certs: made ca, etcd-ca, apiserver,")
        .contains("node-worker-1, node-worker-2");
    assertThat(dataDir.resolve("pki/nodes/worker-2.crt")).exists();
    assertThat(run("certs", "generate", "--data-dir", dir).out())
        .contains("nothing to do");

    Result table = run("certs", "check-expiration", "--data-dir", dir);
    assertThat(table.code()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow())
        .matches("CERTIFICATE +EXPIRES +RESIDUAL TIME +CERTIFICATE AUTHORITY");
    assertThat(table.out()).containsPattern("\napiserver +\\w{3} \\d\\d, \\d{4} \\d\\d:\\d\\d UTC"
            + " +36[45]d +ca\n")
        .containsPattern("\netcd-server .* etcd-ca\n")
        .containsPattern("\nnode-worker-2 .* ca\n")
        .containsPattern("\nCERTIFICATE AUTHORITY +EXPIRES +RESIDUAL TIME\n")
        .containsPattern("\nca +.* (9|10)y\n");

    Result renew = run("certs", "renew", "all", "--data-dir", dir);
    assertThat(renew.code()).isZero();
    assertThat(renew.out()).startsWith("certs: renewed apiserver, apiserver-etcd-client,");
    Result bad = run("certs", "renew", "nope", "--data-dir", dir);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: unknown certificate: nope");
  }

  @Test
  void userNeedsTheClusterCaAndAKubeconfigAndSaysSoInOneLine() {
    String dir = dataDir.toString();
    Result noCa = run("certs", "user", "dev-user", "--data-dir", dir);
    assertThat(noCa.code()).isEqualTo(1);
    assertThat(noCa.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: no cluster CA in ");
    assertThat(run("certs", "generate", "--data-dir", dir).code()).isZero();
    Result noKubeconfig = run("certs", "user", "dev-user", "--data-dir", dir);
    assertThat(noKubeconfig.code()).isEqualTo(1);
    assertThat(noKubeconfig.err().lines()).hasSize(1).first().asString()
        .startsWith("certs: no kubeconfig at " + dataDir.resolve("kubeconfig"));
    assertThat(dataDir.resolve("pki/users")).doesNotExist();
    Result bad = run("certs", "user", "no spaces", "--data-dir", dir);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().strip()).isEqualTo("certs: invalid user name: no spaces");
  }
}
