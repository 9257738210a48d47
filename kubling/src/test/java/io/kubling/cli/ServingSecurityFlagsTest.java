package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.ServingSecurity;
import io.kubling.cli.pki.ClusterPki;
import io.kubling.cli.pki.PkiOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * kube-apiserver's authentication and authorization flags on {@code kubling apiserver} and
 * {@code kubling server}: what ServingSecurity they make, and one plain line for bad ones.
 */
class ServingSecurityFlagsTest {
  @TempDir
  static Path tmp;
  static Path pki;
  static Path saPub;
  static Path tokens;

  @BeforeEach
  void files() throws Exception {
    if (pki != null) {
      return;
    }
    pki = new ClusterPki(new PkiOptions(tmp, "10.96.0.0/12", List.of(), List.of())).dir();
    new ClusterPki(new PkiOptions(tmp, "10.96.0.0/12", List.of(), List.of())).generate();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    saPub = tmp.resolve("sa.pub");
    Files.writeString(saPub, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    tokens = tmp.resolve("tokens.csv");
    Files.writeString(tokens, "t0k3n,admin,1,\"system:masters\"\n");
  }

  private static ApiServerFlags parse(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env::get);
    cmd.parseArgs(args);
    String name = args[0];
    Object command = cmd.getSubcommands().get(name).getCommand();
    ApiServerFlags flags = command instanceof ApiServerCommand a ? a.api
        : ((ServerCommand) command).api;
    flags.validate();
    return flags;
  }

  @Test
  void everyFlagReachesServingSecurity() {
    ApiServerFlags f = parse(Map.of("KUBLING_ANONYMOUS_AUTH", "false"), "apiserver",
        "--etcd-servers=http://127.0.0.1:2379",
        "--tls-cert-file=" + pki.resolve("apiserver.crt"),
        "--tls-private-key-file=" + pki.resolve("apiserver.key"),
        "--client-ca-file=" + pki.resolve("ca.crt"),
        "--token-auth-file=" + tokens,
        "--service-account-key-file=" + saPub, "--service-account-key-file=" + saPub,
        "--service-account-issuer=https://kubling.example",
        "--authorization-mode=RBAC,Node");
    ServingSecurity s = f.toOptions(List.of("http://127.0.0.1:2379")).servingSecurity();
    assertThat(s).isEqualTo(new ServingSecurity(pki.resolve("apiserver.crt"),
        pki.resolve("apiserver.key"), pki.resolve("ca.crt"), tokens, List.of(saPub, saPub),
        null, "https://kubling.example", List.of("RBAC", "Node"), false));
  }

  @Test
  void withoutTlsFlagsKublingApiserverServesWithThePkiInItsCertDir() {
    Path certDir = tmp.resolve("own-pki");
    ServingSecurity s = prepare("apiserver", "--etcd-servers=http://127.0.0.1:1",
        "--cert-dir=" + certDir).servingSecurity();
    assertThat(s).isEqualTo(new ServingSecurity(certDir.resolve("apiserver.crt"),
        certDir.resolve("apiserver.key"), certDir.resolve("ca.crt"), null,
        List.of(certDir.resolve("sa.pub")), certDir.resolve("sa.key"),
        ServingSecurity.DEFAULT_ISSUER, List.of("Node", "RBAC"), true));
    assertThat(s.tls()).isTrue();
    assertThat(certDir.resolve("admin.crt")).isRegularFile();

    ServingSecurity open = prepare("apiserver", "--etcd-servers=http://127.0.0.1:1",
        "--cert-dir=" + certDir, "--authorization-mode=AlwaysAllow").servingSecurity();
    assertThat(open.authorizationModes()).as("asked for by name").containsExactly("AlwaysAllow");
    assertThat(open.tls()).isTrue();
  }

  @Test
  void withTlsFlagsKublingApiserverTakesTheFlagsAloneAndMakesNoPki() {
    Path certDir = tmp.resolve("unused-pki");
    ServingSecurity s = prepare("apiserver", "--etcd-servers=http://127.0.0.1:1",
        "--cert-dir=" + certDir, "--tls-cert-file=" + pki.resolve("apiserver.crt"),
        "--tls-private-key-file=" + pki.resolve("apiserver.key")).servingSecurity();
    assertThat(s.tlsCertFile()).isEqualTo(pki.resolve("apiserver.crt"));
    assertThat(s.clientCaFile()).isNull();
    assertThat(certDir).doesNotExist();
  }

  private static io.kubling.apiserver.ApiServerOptions prepare(String... args) {
    CommandLine cmd = Main.commandLine(name -> null);
    cmd.parseArgs(args);
    ApiServerCommand api = cmd.getSubcommands().get("apiserver").getCommand();
    return api.prepare(new PrintWriter(new StringWriter()));
  }

  @Test
  void kublingServerFillsWhatNoFlagGaveFromItsOwnPki() {
    ServingSecurity generated = new ServingSecurity(pki.resolve("apiserver.crt"),
        pki.resolve("apiserver.key"), pki.resolve("ca.crt"), null, List.of(saPub), null,
        null, List.of(), true);
    ServingSecurity s = parse(Map.of(), "server").servingSecurity(generated);
    assertThat(s.tlsCertFile()).isEqualTo(pki.resolve("apiserver.crt"));
    assertThat(s.serviceAccountKeyFiles()).containsExactly(saPub);
    assertThat(s.authorizationModes()).as("authentication on: the default modes")
        .containsExactly("Node", "RBAC");
    assertThat(s.anonymousAuth()).isTrue();

    ServingSecurity overridden = parse(Map.of(), "server", "--token-auth-file=" + tokens,
        "--client-ca-file=" + pki.resolve("etcd/ca.crt"), "--anonymous-auth=false")
        .servingSecurity(generated);
    assertThat(overridden.clientCaFile()).isEqualTo(pki.resolve("etcd/ca.crt"));
    assertThat(overridden.tokenAuthFile()).isEqualTo(tokens);
    assertThat(overridden.tlsCertFile()).isEqualTo(pki.resolve("apiserver.crt"));
    assertThat(overridden.anonymousAuth()).isFalse();
  }

  @Test
  void theSigningKeyAlsoVerifiesWhenNoKeyFileIsGiven() throws Exception {
    Path saKey = tmp.resolve("sa.key");
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Files.writeString(saKey, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    ServingSecurity s = parse(Map.of(), "apiserver", "--etcd-servers=http://127.0.0.1:1",
        "--service-account-signing-key-file=" + saKey).servingSecurity(ServingSecurity.NONE);
    assertThat(s.serviceAccountKeyFiles()).containsExactly(saKey);
    assertThat(s.serviceAccountSigningKeyFile()).isEqualTo(saKey);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--authorization-mode=ABAC | Invalid value for option '--authorization-mode': 'ABAC': unknown authorization mode (known: AlwaysAllow, Node, RBAC)",
      "--authorization-mode=RBAC,RBAC | Invalid value for option '--authorization-mode': 'RBAC,RBAC': mode RBAC given more than once",
      "--tls-cert-file=/nonexistent/a.crt | Invalid value for option '--tls-cert-file': '/nonexistent/a.crt': --tls-cert-file and --tls-private-key-file go together",
      "--tls-cert-file=/nonexistent/a.crt --tls-private-key-file=/nonexistent/a.key | Invalid value for option '--tls-cert-file': '/nonexistent/a.crt': not a readable file",
      "--client-ca-file=/nonexistent/ca.crt | Invalid value for option '--client-ca-file': '/nonexistent/ca.crt': not a readable file",
      "--client-ca-file=TOKENS | Invalid value for option '--client-ca-file': 'TOKENS': TOKENS holds no PEM block",
      "--token-auth-file=SAPUB | Invalid value for option '--token-auth-file': 'SAPUB': token file SAPUB line 1 must have at least 3 columns (token, user name, user uid), found 1",
      "--service-account-key-file=TOKENS | Invalid value for option '--service-account-key-file': 'TOKENS': TOKENS holds no PEM block",
      "--service-account-issuer=https://[::1 | Invalid value for option '--service-account-issuer': 'https://[::1': contains a ':' but is not a valid URL",
      "--anonymous-auth=maybe | Invalid value for option '--anonymous-auth'",
  })
  void badValuesAreOnePlainLine(String args, String message) {
    String a = args.replace("TOKENS", tokens.toString()).replace("SAPUB", saPub.toString());
    String m = message.replace("TOKENS", tokens.toString()).replace("SAPUB", saPub.toString());
    for (String command : List.of("apiserver --etcd-servers=http://127.0.0.1:1", "server")) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine(name -> null);
      cmd.setOut(new PrintWriter(out, true));
      cmd.setErr(new PrintWriter(err, true));
      int code = cmd.execute((command + " " + a).split(" +"));
      assertThat(code).as(command + " " + a).isEqualTo(2);
      assertThat(err.toString().lines()).as(command + " " + a).hasSize(1).first().asString()
          .startsWith(m);
      assertThat(out.toString()).isEmpty();
    }
  }
}
