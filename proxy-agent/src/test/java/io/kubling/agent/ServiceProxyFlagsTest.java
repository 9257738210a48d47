package io.kubling.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.proxy.ProxyMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceProxyFlagsTest {
  @Test
  void defaultsAreKubeProxysAndKubeadms() {
    ServiceProxyFlags f = AgentFlags.parse(List.of("--node-name", "n1"), Map.of()).proxy();
    assertThat(f).isEqualTo(new ServiceProxyFlags(ProxyMode.IPTABLES, Optional.empty(),
        Duration.ofSeconds(1), Duration.ofSeconds(30), "10.244.0.0/16", "10.96.0.0/12",
        "10.96.0.10", "cluster.local", 53, false));
  }

  @Test
  void flagsWinOverEnvironmentWhichWinsOverDefaults() {
    ServiceProxyFlags f = AgentFlags.parse(List.of("--proxy-mode", "userspace",
        "--min-sync-period=250ms", "--cleanup", "--dns-port", "5353"),
        Map.of("KUBLING_PROXY_MODE", "nftables", "KUBLING_CLUSTER_DNS", "10.96.0.53",
            "KUBLING_PROXY_MODE_FALLBACK", "iptables")).proxy();
    assertThat(f.mode()).isEqualTo(ProxyMode.USERSPACE);
    assertThat(f.fallback()).contains(ProxyMode.IPTABLES);
    assertThat(f.minSyncPeriod()).isEqualTo(Duration.ofMillis(250));
    assertThat(f.clusterDns()).isEqualTo("10.96.0.53");
    assertThat(f.dnsPort()).isEqualTo(5353);
    assertThat(f.cleanup()).isTrue();
  }

  @Test
  void badValuesAreRefusedByName() {
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--proxy-mode", "ebpf"), Map.of()))
        .hasMessageContaining("unknown --proxy-mode ebpf");
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--cluster-dns", "dns"), Map.of()))
        .hasMessageContaining("--cluster-dns must be an IPv4 address");
  }

  @Test
  void ipvsOnThisKernelIsAClearErrorUnlessAFallbackIsGiven() {
    ServiceProxyFlags ipvs = AgentFlags.parse(List.of("--proxy-mode=ipvs"), Map.of()).proxy();
    assertThatThrownBy(() -> ServiceProxyRunner.checkMode(ipvs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxy mode ipvs cannot run on this node")
        .hasMessageContaining("--proxy-mode-fallback=iptables");
    ServiceProxyFlags fb = AgentFlags.parse(List.of("--proxy-mode=ipvs",
        "--proxy-mode-fallback=iptables"), Map.of()).proxy();
    assertThat(ServiceProxyRunner.checkMode(fb).annotationValue())
        .isEqualTo("iptables (requested ipvs)");
  }
}
