package io.kubling.component.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentFlagsTest {
  private static final ComponentOptions DEFAULTS =
      ComponentOptions.defaults("kube-scheduler", 10251);

  @Test
  void defaultsAreKubernetesOnes() {
    ComponentOptions o = parse(List.of(), Map.of());
    assertThat(o).isEqualTo(DEFAULTS);
    LeaderElectionOptions le = o.leaderElection();
    assertThat(le.leaderElect()).isTrue();
    assertThat(le.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(le.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(le.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(le.resourceName()).isEqualTo("kube-scheduler");
    assertThat(le.resourceNamespace()).isEqualTo("kube-system");
    assertThat(o.kubeconfig()).isEmpty();
    assertThat(o.master()).isEmpty();
  }

  @Test
  void readsEveryFlagInBothSpellings() {
    ComponentOptions o = parse(List.of("--kubeconfig", "/etc/k.conf",
        "--master=http://127.0.0.1:6443", "--leader-elect=false",
        "--leader-elect-lease-duration", "3s", "--leader-elect-renew-deadline=2s",
        "--leader-elect-retry-period=500ms", "--leader-elect-resource-name", "sched",
        "--leader-elect-resource-namespace=other", "--bind-address", "127.0.0.1",
        "--healthz-port=0"), Map.of());
    assertThat(o).isEqualTo(new ComponentOptions("/etc/k.conf", "http://127.0.0.1:6443",
        new LeaderElectionOptions(false, Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofMillis(500), "sched", "other"), "127.0.0.1", 0));
  }

  @Test
  void environmentFillsInWhatFlagsLeaveOut() {
    ComponentOptions o = parse(List.of("--healthz-port=9000"), Map.of(
        "KUBLING_MASTER", "http://10.0.0.1:6443",
        "KUBLING_LEADER_ELECT", "false",
        "KUBLING_LEADER_ELECT_RETRY_PERIOD", "1s",
        "KUBLING_HEALTHZ_PORT", "8000"));
    assertThat(o.master()).isEqualTo("http://10.0.0.1:6443");
    assertThat(o.leaderElection().leaderElect()).isFalse();
    assertThat(o.leaderElection().retryPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.healthzPort()).as("the flag wins over the environment").isEqualTo(9000);
  }

  @Test
  void aBareBooleanFlagIsTrueAndDoesNotSwallowTheNextArgument() {
    ComponentFlags.Parsed p = ComponentFlags.parse(List.of("--leader-elect", "false"),
        Map.of("KUBLING_LEADER_ELECT", "false"), DEFAULTS);
    assertThat(p.options().leaderElection().leaderElect()).isTrue();
    assertThat(p.remaining()).containsExactly("false");
  }

  @Test
  void handsBackArgumentsThatAreNotCommonFlags() {
    ComponentFlags.Parsed p = ComponentFlags.parse(
        List.of("--config", "x.yaml", "--master", "http://h:1", "-v=2", "run"), Map.of(), DEFAULTS);
    assertThat(p.remaining()).containsExactly("--config", "x.yaml", "-v=2", "run");
    assertThat(p.options().master()).isEqualTo("http://h:1");
  }

  @Test
  void badValuesNameTheFlagAndItsVariable() {
    assertThatThrownBy(() -> parse(List.of(), Map.of("KUBLING_LEADER_ELECT_LEASE_DURATION", "15")))
        .hasMessageContaining("--leader-elect-lease-duration")
        .hasMessageContaining("KUBLING_LEADER_ELECT_LEASE_DURATION");
    assertThatThrownBy(() -> parse(List.of("--healthz-port=http"), Map.of()))
        .hasMessageContaining("--healthz-port");
    assertThatThrownBy(() -> parse(List.of("--leader-elect=maybe"), Map.of()))
        .hasMessageContaining("not a boolean");
    assertThatThrownBy(() -> parse(List.of("--healthz-port=70000"), Map.of()))
        .hasMessageContaining("--healthz-port must be 0-65535");
    assertThatThrownBy(() -> parse(List.of("--master"), Map.of()))
        .hasMessage("flag needs an argument: --master");
  }

  @Test
  void refusesARenewDeadlineThatDoesNotFitTheLease() {
    assertThatThrownBy(() -> parse(List.of("--leader-elect-renew-deadline=20s"), Map.of()))
        .hasMessageContaining("--leader-elect-lease-duration (15s) must be greater than"
            + " --leader-elect-renew-deadline (20s)");
    assertThatThrownBy(() -> parse(List.of("--leader-elect-retry-period=9s"), Map.of()))
        .hasMessageContaining("1.2 × --leader-elect-retry-period (9s)");
  }

  @Test
  void timingsAreNotCheckedWhenElectionIsOff() {
    ComponentOptions o = parse(List.of("--leader-elect=false",
        "--leader-elect-renew-deadline=20s"), Map.of());
    assertThat(o.leaderElection().renewDeadline()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void environmentVariableNames() {
    assertThat(ComponentFlags.envName("leader-elect-resource-namespace"))
        .isEqualTo("KUBLING_LEADER_ELECT_RESOURCE_NAMESPACE");
    assertThat(ComponentFlags.envName("bind-address")).isEqualTo("KUBLING_BIND_ADDRESS");
  }

  private static ComponentOptions parse(List<String> args, Map<String, String> env) {
    return ComponentFlags.parse(args, env, DEFAULTS).options();
  }
}
