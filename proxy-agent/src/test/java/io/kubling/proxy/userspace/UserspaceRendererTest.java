package io.kubling.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.proxy.GoldenDump;
import io.kubling.proxy.TestSnapshots;
import io.kubling.proxy.trace.RulesetChecker;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserspaceRendererTest {
  @Test
  void mixedServices() {
    String out = UserspaceRenderer.render(TestSnapshots.mixed(), Map.of(TestSnapshots.WEB, 40001,
        TestSnapshots.STICKY, 40002, TestSnapshots.EMPTY, 40003, TestSnapshots.LOCAL, 40004));
    GoldenDump.write("userspace-mixed", out);
    assertThat(out).isEqualTo(MIXED);
    assertThat(RulesetChecker.check(out)).isEmpty();
  }

  @Test
  void externalAndLoadBalancerIPsAreRedirectedLikeTheClusterIP() {
    String out = UserspaceRenderer.render(TestSnapshots.policies(),
        Map.of(TestSnapshots.BOTH, 40005));
    assertThat(out).contains(
        "-A KUBE-PORTALS-CONTAINER -m comment --comment ns3/both:http -m tcp -p tcp"
            + " -d 192.168.60.20 --dport 80 -j REDIRECT --to-ports 40005\n",
        "-A KUBE-PORTALS-CONTAINER -m comment --comment ns3/both:http -m tcp -p tcp"
            + " -d 192.168.60.10 --dport 80 -j REDIRECT --to-ports 40005\n",
        "-A KUBE-PORTALS-HOST -m comment --comment ns3/both:http -m tcp -p tcp"
            + " -d 192.168.60.10 --dport 80 -j REDIRECT --to-ports 40005\n");
    assertThat(RulesetChecker.check(out)).isEmpty();
  }

  static final String MIXED = """
      *filter
      :KUBE-SERVICES - [0:0]
      -A KUBE-SERVICES -m comment --comment "ns1/empty:http has no endpoints" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j REJECT
      -A KUBE-SERVICES -m comment --comment "ns1/empty:http has no endpoints" -m tcp -p tcp -d 192.168.50.1 --dport 30081 -j REJECT
      -A KUBE-SERVICES -m comment --comment "ns2/dns:dns is not served" -m udp -p udp -d 10.96.0.13 --dport 53 -j REJECT
      COMMIT
      *nat
      :KUBE-NODEPORT-CONTAINER - [0:0]
      :KUBE-NODEPORT-HOST - [0:0]
      :KUBE-PORTALS-CONTAINER - [0:0]
      :KUBE-PORTALS-HOST - [0:0]
      -A KUBE-PORTALS-CONTAINER -m comment --comment ns1/sticky -m tcp -p tcp -d 10.96.0.11 --dport 80 -j REDIRECT --to-ports 40002
      -A KUBE-PORTALS-HOST -m comment --comment ns1/sticky -m tcp -p tcp -d 10.96.0.11 --dport 80 -j REDIRECT --to-ports 40002
      -A KUBE-PORTALS-CONTAINER -m comment --comment ns1/web:http -m tcp -p tcp -d 10.96.0.10 --dport 80 -j REDIRECT --to-ports 40001
      -A KUBE-PORTALS-HOST -m comment --comment ns1/web:http -m tcp -p tcp -d 10.96.0.10 --dport 80 -j REDIRECT --to-ports 40001
      -A KUBE-NODEPORT-CONTAINER -m comment --comment ns1/web:http -m tcp -p tcp -d 192.168.50.1 --dport 30080 -j REDIRECT --to-ports 40001
      -A KUBE-NODEPORT-HOST -m comment --comment ns1/web:http -m tcp -p tcp -d 192.168.50.1 --dport 30080 -j REDIRECT --to-ports 40001
      -A KUBE-PORTALS-CONTAINER -m comment --comment ns2/local:http -m tcp -p tcp -d 10.96.0.14 --dport 80 -j REDIRECT --to-ports 40004
      -A KUBE-PORTALS-HOST -m comment --comment ns2/local:http -m tcp -p tcp -d 10.96.0.14 --dport 80 -j REDIRECT --to-ports 40004
      -A KUBE-NODEPORT-CONTAINER -m comment --comment ns2/local:http -m tcp -p tcp -d 192.168.50.1 --dport 30082 -j REDIRECT --to-ports 40004
      -A KUBE-NODEPORT-HOST -m comment --comment ns2/local:http -m tcp -p tcp -d 192.168.50.1 --dport 30082 -j REDIRECT --to-ports 40004
      COMMIT
      """;
}
