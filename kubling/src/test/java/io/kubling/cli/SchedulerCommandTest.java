package io.kubling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.scheduler.SchedulerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kubling scheduler}'s flags and their environment variables. */
class SchedulerCommandTest {

  private static SchedulerOptions parse(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env::get);
    CommandLine.ParseResult parsed = cmd.parseArgs(args);
    SchedulerCommand c = (SchedulerCommand) parsed.subcommand().commandSpec().userObject();
    return c.toOptions();
  }

  @Test
  void defaultsAreKubeSchedulers() {
    SchedulerOptions o = parse(Map.of(), "scheduler");
    assertThat(o.schedulerName()).isEqualTo("default-scheduler");
    assertThat(o.percentageOfNodesToScore()).isZero();
    assertThat(o.component().leaderElection().leaderElect()).isTrue();
    assertThat(o.component().leaderElection().leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(o.component().leaderElection().resourceName()).isEqualTo("kube-scheduler");
    assertThat(o.component().leaderElection().resourceNamespace()).isEqualTo("kube-system");
    assertThat(o.component().healthzPort()).isEqualTo(10259);
  }

  @Test
  void flagsWinOverEnvironmentVariables() {
    SchedulerOptions o = parse(Map.of("KUBLING_SCHEDULER_NAME", "from-env",
            "KUBLING_MASTER", "http://127.0.0.1:6443",
            "KUBLING_PERCENTAGE_OF_NODES_TO_SCORE", "30",
            "KUBLING_LEADER_ELECT_LEASE_DURATION", "30s"),
        "scheduler", "--scheduler-name=my-scheduler", "--leader-elect=false",
        "--leader-elect-renew-deadline", "20s");
    assertThat(o.schedulerName()).isEqualTo("my-scheduler");
    assertThat(o.component().master()).isEqualTo("http://127.0.0.1:6443");
    assertThat(o.percentageOfNodesToScore()).isEqualTo(30);
    assertThat(o.component().leaderElection().leaderElect()).isFalse();
    assertThat(o.component().leaderElection().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.component().leaderElection().renewDeadline()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void badValuesNameTheirFlag() {
    assertThatThrownBy(() -> parse(Map.of(), "scheduler", "--percentage-of-nodes-to-score=101"))
        .hasMessageContaining("--percentage-of-nodes-to-score");
    assertThatThrownBy(() -> parse(Map.of(), "scheduler", "--leader-elect-lease-duration=5s"))
        .hasMessageContaining("--leader-elect-lease-duration");
    assertThatThrownBy(() -> parse(Map.of(), "scheduler", "--leader-elect-retry-period=soon"))
        .hasMessageContaining("--leader-elect-retry-period");
  }
}
