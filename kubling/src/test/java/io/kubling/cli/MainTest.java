package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line itself, in-process: usage errors, help, environment defaults, version. */
class MainTest {
  private record Result(int code, String out, String err) {}

  private static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine(env::get);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "server --bogus                               | Unknown option: '--bogus'",
      "server --port abc                            | Invalid value for option '--secure-port'",
      "server --etcd-client-port 0                  | Invalid value for option '--etcd-client-port'",
      "server --bind-address localhost              | Invalid value for option '--bind-address'",
      "server --service-cluster-ip-range 10.0.0.0   | Invalid value for option '--service-cluster-ip-range'",
      "server --service-node-port-range 3-          | Invalid value for option '--service-node-port-range'",
      "server --etcd-certfile /etc/hosts            | Invalid value for option '--etcd-certfile': '/etc/hosts': --etcd-certfile and --etcd-keyfile go together",
      "server --encryption-provider-config /nonexistent/enc.yaml | Invalid value for option '--encryption-provider-config': '/nonexistent/enc.yaml': error reading encryption provider configuration",
      "apiserver                                    | Missing required option: '--etcd-servers=<url>'",
      "apiserver --etcd-servers=http://e:1 --cert-dir=/etc/hosts | Invalid value for option '--cert-dir': '/etc/hosts': not a directory",
      "apiserver --etcd-servers=http://e:1 --tls-cert-file=/etc/hosts --tls-private-key-file=/etc/hosts --kubeconfig=k | Invalid value for option '--kubeconfig': 'k': the admin kubeconfig carries the certificates of --cert-dir, which --tls-cert-file replaces",
      "server --cluster-reset                       | --cluster-reset needs --cluster-reset-restore-path",
      "server --cluster-reset-restore-path=x.db     | --cluster-reset-restore-path is only read with --cluster-reset",
      "server --cluster-reset-restore-path=x.db --cluster-reset --etcd-servers=http://e:1 | --cluster-reset restores the etcd kubling starts",
      "server --etcd-snapshot-retention 0           | Invalid value for option '--etcd-snapshot-retention'",
      "server --load-balancer-ip-range 10.0.0.9-10.0.0.1 | Invalid value for option '--load-balancer-ip-range': '10.0.0.9-10.0.0.1': ",
      "controller-manager --load-balancer-ip-range 10.0.0.9-10.0.0.1 | Invalid value for option '--load-balancer-ip-range': '10.0.0.9-10.0.0.1': ",
      "server --etcd-snapshot-schedule-cron=*/5     | Invalid value for option '--etcd-snapshot-schedule-cron': '*/5': want 5 fields",
      "etcd-snapshot prune --retention 0            | Invalid value for option '--retention'",
      "etcd-snapshot save --name ../x               | Invalid value for option '--name'",
      "etcd-snapshot delete                         | Missing required parameter",
      "nonsense                                     | Unmatched argument at index 0: 'nonsense'",
  })
  void badFlagsAreOnePlainLineAndExitTwo(String args, String message) {
    Result r = run(Map.of(), args.strip().split(" +"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1).first().asString().startsWith(message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadValueFromTheEnvironmentIsAUsageErrorToo() {
    Result r = run(Map.of("KUBLING_PORT", "many"), "server");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"server", "apiserver"})
  void helpNamesTheEnvironmentVariableOfEveryFlag(String command) {
    Result r = run(Map.of(), command, "--help");
    assertThat(r.code()).isZero();
    CommandLine sub = Main.commandLine().getSubcommands().get(command);
    String help = r.out().replaceAll("\\s+", " ");
    for (OptionSpec o : sub.getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      for (String name : o.names()) {
        assertThat(help).as("help of %s names the env var of %s", command, name)
            .contains(EnvDefaults.envName(name));
      }
    }
  }

  @Test
  void environmentFillsFlagsThatAreNotGivenAndFlagsWin() {
    UnaryOperator<String> env = Map.of("KUBLING_DATA_DIR", "/srv/kubling",
        "KUBLING_SECURE_PORT", "7443", "KUBLING_ETCD_SERVERS", "http://a:1,http://b:2",
        "KUBLING_BIND_ADDRESS", "10.1.2.3")::get;
    CommandLine cmd = Main.commandLine(env);
    cmd.parseArgs("server", "--bind-address", "127.0.0.2");
    ServerCommand server = cmd.getSubcommands().get("server").getCommand();
    assertThat(server.dataDir).isEqualTo(Path.of("/srv/kubling"));
    assertThat(server.api.port).isEqualTo(7443);
    assertThat(server.etcdServers).containsExactly("http://a:1", "http://b:2");
    assertThat(server.api.bindAddress).isEqualTo("127.0.0.2");
    assertThat(server.etcdClientPort).isEqualTo(2379);
    assertThat(server.kubeconfig).isNull();
  }

  @Test
  void defaultsWithoutEnvironment() {
    CommandLine cmd = Main.commandLine(name -> null);
    cmd.parseArgs("server");
    ServerCommand s = cmd.getSubcommands().get("server").getCommand();
    assertThat(s.dataDir).isEqualTo(Path.of("./data"));
    assertThat(s.api.bindAddress).isEqualTo("127.0.0.1");
    assertThat(s.api.port).isEqualTo(6443);
    assertThat(s.etcdServers).isNull();
    assertThat(s.etcdClientPort).isEqualTo(2379);
    assertThat(s.etcdPeerPort).isEqualTo(2380);
    assertThat(s.api.serviceClusterIpRange).isEqualTo("10.96.0.0/12");
    assertThat(s.api.serviceNodePortRange).isEqualTo("30000-32767");
  }

  @Test
  void versionNamesKublingAndTheKubernetesApi() {
    Result r = run(Map.of(), "version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("kubling ").contains("Kubernetes API v1.32");
    assertThat(r.out()).doesNotContain("unknown", "${");
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1,true", "0.0.0.0,true", "::1,true", "fe80::1,true", "localhost,false",
      "256.1.1.1,false", "1.2.3,false", "'',false", "example.com,false"})
  void bindAddressMustBeAnIpLiteral(String address, boolean ok) {
    assertThat(ApiServerFlags.isIpLiteral(address)).isEqualTo(ok);
  }
}
