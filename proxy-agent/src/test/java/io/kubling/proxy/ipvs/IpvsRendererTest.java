package io.kubling.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.proxy.GoldenDump;
import io.kubling.proxy.ProxyMode;
import io.kubling.proxy.ProxyModeSelection;
import io.kubling.proxy.TestSnapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpvsRendererTest {

  @Test
  void mixedServices() {
    IpvsRenderer.IpvsRules rules = IpvsRenderer.render(TestSnapshots.mixed(), "rr");
    GoldenDump.write("ipvs-mixed", rules.ipvsadm());
    assertThat(rules.ipvsadm()).isEqualTo(MIXED);
    assertThat(rules.boundAddresses()).containsExactly("10.96.0.10", "10.96.0.11", "10.96.0.12",
        "10.96.0.13", "10.96.0.14");
  }

  @Test
  void localPoliciesAndOtherScheduler() {
    IpvsRenderer.IpvsRules rules = IpvsRenderer.render(TestSnapshots.policies(), "lc");
    GoldenDump.write("ipvs-policies", rules.ipvsadm());
    assertThat(rules.ipvsadm()).isEqualTo(POLICIES);
    assertThat(rules.boundAddresses())
        .containsExactly("10.96.0.20", "192.168.60.10", "192.168.60.20");
  }

  @Test
  void diffTouchesOnlyWhatChanged() {
    String current = """
        -A -t 10.96.0.10:80 -s rr
        -a -t 10.96.0.10:80 -r 10.244.1.2:8080 -m -w 1
        -a -t 10.96.0.10:80 -r 10.244.1.3:8080 -m -w 1
        -A -t 10.96.0.11:80 -s rr
        -a -t 10.96.0.11:80 -r 10.244.1.4:8080 -m -w 1
        -A -u 10.96.0.99:53 -s rr
        """;
    String desired = """
        -A -t 10.96.0.10:80 -s rr
        -a -t 10.96.0.10:80 -r 10.244.1.3:8080 -m -w 1
        -a -t 10.96.0.10:80 -r 10.244.1.9:8080 -m -w 1
        -A -t 10.96.0.11:80 -s rr -p 10800
        -a -t 10.96.0.11:80 -r 10.244.1.4:8080 -m -w 1
        -A -t 10.96.0.12:80 -s rr
        -a -t 10.96.0.12:80 -r 10.244.1.5:8080 -m -w 1
        """;
    assertThat(IpvsDiff.diff(current, desired)).isEqualTo("""
        -D -u 10.96.0.99:53
        -d -t 10.96.0.10:80 -r 10.244.1.2:8080
        -a -t 10.96.0.10:80 -r 10.244.1.9:8080 -m -w 1
        -E -t 10.96.0.11:80 -s rr -p 10800
        -A -t 10.96.0.12:80 -s rr
        -a -t 10.96.0.12:80 -r 10.244.1.5:8080 -m -w 1
        """);
    assertThat(IpvsDiff.diff(desired, desired)).isEmpty();
  }

  @Test
  void thisKernelHasNoIpvsAndTheErrorSaysWhatIsMissing() {
    List<String> missing = IpvsSupport.missing();
    assertThat(missing).anyMatch(m -> m.contains("IPVS"));
    assertThatThrownBy(() -> ProxyModeSelection.select(ProxyMode.IPVS, missing, Optional.empty()))
        .isInstanceOf(ProxyModeSelection.UnavailableException.class)
        .hasMessageContaining("proxy mode ipvs cannot run on this node")
        .hasMessageContaining("/proc/net/ip_vs")
        .hasMessageContaining("--proxy-mode-fallback=iptables");
  }

  @Test
  void fallbackIsReportedNotSilent() {
    ProxyModeSelection s = ProxyModeSelection.select(ProxyMode.IPVS, IpvsSupport.missing(),
        Optional.of(ProxyMode.IPTABLES));
    assertThat(s.actual()).isEqualTo(ProxyMode.IPTABLES);
    assertThat(s.fellBack()).isTrue();
    assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("running in iptables mode instead"));
    assertThat(s.annotationValue()).isEqualTo("iptables (requested ipvs)");
    assertThat(s.metric().samples().get(0).labels())
        .containsEntry("requested", "ipvs").containsEntry("actual", "iptables");
  }

  @Test
  void supportIsDetectedFromProcAndSys(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("proc/net"));
    java.nio.file.Files.writeString(dir.resolve("proc/net/ip_vs"), "");
    java.nio.file.Files.createDirectories(dir.resolve("sys/module/dummy"));
    Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
    Path ipvsadm = java.nio.file.Files.writeString(bin.resolve("ipvsadm"), "#!/bin/sh\n");
    ipvsadm.toFile().setExecutable(true);
    assertThat(IpvsSupport.missing(dir.resolve("proc"), dir.resolve("sys"), List.of(bin)))
        .isEmpty();
    assertThat(ProxyModeSelection.select(ProxyMode.IPVS, List.of(), Optional.empty()).actual())
        .isEqualTo(ProxyMode.IPVS);
  }

  static final String MIXED = """
      -A -t 10.96.0.12:80 -s rr
      -A -t 192.168.50.1:30081 -s rr
      -A -t 10.96.0.11:80 -s rr -p 10800
      -a -t 10.96.0.11:80 -r 10.244.1.4:8080 -m -w 1
      -a -t 10.96.0.11:80 -r 10.244.2.4:8080 -m -w 1
      -A -t 10.96.0.10:80 -s rr
      -a -t 10.96.0.10:80 -r 10.244.1.2:8080 -m -w 1
      -a -t 10.96.0.10:80 -r 10.244.1.3:8080 -m -w 1
      -a -t 10.96.0.10:80 -r 10.244.2.2:8080 -m -w 1
      -A -t 192.168.50.1:30080 -s rr
      -a -t 192.168.50.1:30080 -r 10.244.1.2:8080 -m -w 1
      -a -t 192.168.50.1:30080 -r 10.244.1.3:8080 -m -w 1
      -a -t 192.168.50.1:30080 -r 10.244.2.2:8080 -m -w 1
      -A -u 10.96.0.13:53 -s rr
      -a -u 10.96.0.13:53 -r 10.244.1.5:53 -m -w 1
      -A -t 10.96.0.14:80 -s rr
      -a -t 10.96.0.14:80 -r 10.244.2.6:8080 -m -w 1
      -A -t 192.168.50.1:30082 -s rr
      """;

  static final String POLICIES = """
      -A -t 10.96.0.20:80 -s lc
      -a -t 10.96.0.20:80 -r 10.244.1.7:8080 -m -w 1
      -A -t 192.168.60.20:80 -s lc
      -a -t 192.168.60.20:80 -r 10.244.1.7:8080 -m -w 1
      -A -t 192.168.60.10:80 -s lc
      -a -t 192.168.60.10:80 -r 10.244.1.7:8080 -m -w 1
      -A -t 192.168.50.1:30090 -s lc
      -a -t 192.168.50.1:30090 -r 10.244.1.7:8080 -m -w 1
      """;
}
