package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.controllers.ControllerManagerOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flags and environment variables of {@code kubling controller-manager}, without running it. */
class ControllerManagerCommandTest {

  static ControllerManagerOptions parse(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env::get);
    CommandLine.ParseResult r = cmd.parseArgs(args);
    ControllerManagerCommand c = (ControllerManagerCommand) r.subcommand().commandSpec()
        .userObject();
    return c.toOptions();
  }

  @Test
  void defaultsAreKubeControllerManagers() {
    ControllerManagerOptions o = parse(Map.of(), "controller-manager");
    assertThat(o.clusterCidr()).isEqualTo("10.244.0.0/16");
    assertThat(o.nodeCidrMaskSize()).isEqualTo(24);
    assertThat(o.nodeMonitorGracePeriod()).isEqualTo(Duration.ofSeconds(40));
    assertThat(o.defaultTolerationSeconds()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.component().leaderElection().leaderElect()).isTrue();
    assertThat(o.component().leaderElection().resourceName()).isEqualTo("kube-controller-manager");
    assertThat(o.workers("replicaset")).isEqualTo(5);
    assertThat(ControllerManagerOptions.ALL).allMatch(o::enabled);
    assertThat(o.loadBalancerIpRange()).isEmpty();
    assertThat(o.rootCaFile()).isEmpty();
  }

  @Test
  void flagsAndEnvironmentSetEverySetting() throws Exception {
    java.nio.file.Path ca = java.nio.file.Files.createTempFile("kubling-ca", ".crt");
    ca.toFile().deleteOnExit();
    ControllerManagerOptions o = parse(Map.of("KUBLING_CLUSTER_CIDR", "10.200.0.0/16",
            "KUBLING_NODE_MONITOR_GRACE_PERIOD", "5s",
            "KUBLING_LOAD_BALANCER_IP_RANGE", "192.168.9.0/28"),
        "controller-manager", "--controllers=*,-daemonset", "--master=http://127.0.0.1:6443",
        "--default-unreachable-toleration-seconds=30", "--concurrent-replicaset-syncs=9",
        "--leader-elect=false", "--root-ca-file=" + ca);
    assertThat(o.clusterCidr()).isEqualTo("10.200.0.0/16");
    assertThat(o.loadBalancerIpRange()).isEqualTo("192.168.9.0/28");
    assertThat(o.nodeMonitorGracePeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.defaultTolerationSeconds()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.workers("replicaset")).isEqualTo(9);
    assertThat(o.enabled("daemonset")).isFalse();
    assertThat(o.enabled("replicaset")).isTrue();
    assertThat(o.component().master()).isEqualTo("http://127.0.0.1:6443");
    assertThat(o.component().leaderElection().leaderElect()).isFalse();
    assertThat(o.rootCaFile()).isEqualTo(ca.toString());
    java.nio.file.Files.delete(ca);
  }

  @Test
  void badValuesAreUsageErrors() {
    for (String[] args : new String[][] {
        {"controller-manager", "--cluster-cidr=nonsense"},
        {"controller-manager", "--controllers=replicaset,cronjob"},
        {"controller-manager", "--node-monitor-grace-period=soon"},
        {"controller-manager", "--load-balancer-ip-range=10.0.0.9-10.0.0.1"},
        {"controller-manager", "--root-ca-file=/nonexistent/ca.crt"}}) {
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine(k -> null);
      cmd.setErr(new PrintWriter(err));
      assertThat(cmd.execute(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString()).isNotBlank();
    }
  }
}
