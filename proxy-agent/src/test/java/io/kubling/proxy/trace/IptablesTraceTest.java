package io.kubling.proxy.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.TestSnapshots;
import io.kubling.proxy.iptables.IptablesRenderer;
import io.kubling.proxy.RenderScope;
import io.kubling.proxy.trace.PacketTracer.Packet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class IptablesTraceTest {
  private static final Set<String> LOCAL = Set.of("192.168.50.1");
  private static final String POD = "10.244.1.100";
  private static final String NODE = "192.168.50.1";
  private static final String OTHER_NODE = "192.168.50.2";

  @Test
  void everyJumpTargetIsDeclared() {
    assertThat(RulesetChecker.check(IptablesRenderer.render(TestSnapshots.mixed()))).isEmpty();
    assertThat(RulesetChecker.check(IptablesRenderer.render(TestSnapshots.policies()))).isEmpty();
    assertThat(RulesetChecker.check(IptablesRenderer.render(TestSnapshots.large(50, 4))))
        .isEmpty();
  }

  @Test
  void checkerFindsAnUndeclaredTarget() {
    String bad = "*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -j KUBE-SVC-NOPE\nCOMMIT\n";
    assertThat(RulesetChecker.check(bad))
        .containsExactly("nat: KUBE-SERVICES jumps to undeclared chain KUBE-SVC-NOPE");
  }

  @Test
  void partialRenderIsConsistentWithTheChainsAlreadyThere() {
    // A partial render only declares the changed chains; together with the full render's
    // declarations every target must still resolve.
    ProxySnapshot s = TestSnapshots.mixed();
    String partial = IptablesRenderer.render(s,
        RenderScope.partial(Set.of(TestSnapshots.WEB), Set.of()));
    String declarations = String.join("\n", IptablesRenderer.serviceChains(s).stream()
        .map(c -> ":" + c + " - [0:0]").toList());
    String merged = partial.replace("*nat\n", "*nat\n" + declarations + "\n");
    // the changed service's chains are declared twice in the merged text, and only those
    assertThat(RulesetChecker.check(merged)).allMatch(p -> p.contains("declared twice"));
  }

  static Stream<Arguments> packets() {
    return Stream.of(
        Arguments.of("pod to ClusterIP: 3 endpoints, 1/3 each",
            new Packet(POD, "10.96.0.10", "tcp", 80, LOCAL),
            Map.of("10.244.1.2:8080", 0.3333, "10.244.1.3:8080", 0.3333,
                "10.244.2.2:8080", 0.3333)),
        Arguments.of("node to ClusterIP is masqueraded",
            new Packet(NODE, "10.96.0.10", "tcp", 80, LOCAL),
            Map.of("10.244.1.2:8080 (masq)", 0.3333, "10.244.1.3:8080 (masq)", 0.3333,
                "10.244.2.2:8080 (masq)", 0.3333)),
        Arguments.of("other node to NodePort is masqueraded",
            new Packet(OTHER_NODE, NODE, "tcp", 30080, LOCAL),
            Map.of("10.244.1.2:8080 (masq)", 0.3333, "10.244.1.3:8080 (masq)", 0.3333,
                "10.244.2.2:8080 (masq)", 0.3333)),
        Arguments.of("wrong port of a ClusterIP is not a service",
            new Packet(POD, "10.96.0.10", "tcp", 81, LOCAL), Map.of("NONE", 1.0)),
        Arguments.of("UDP to a TCP service is not a service",
            new Packet(POD, "10.96.0.10", "udp", 80, LOCAL), Map.of("NONE", 1.0)),
        Arguments.of("UDP DNS service",
            new Packet(POD, "10.96.0.13", "udp", 53, LOCAL), Map.of("10.244.1.5:53", 1.0)),
        Arguments.of("no endpoints: ClusterIP rejected",
            new Packet(POD, "10.96.0.12", "tcp", 80, LOCAL), Map.of("REJECT", 1.0)),
        Arguments.of("no endpoints: NodePort rejected",
            new Packet(OTHER_NODE, NODE, "tcp", 30081, LOCAL), Map.of("REJECT", 1.0)),
        Arguments.of("eTP Local without local endpoints: NodePort dropped",
            new Packet(OTHER_NODE, NODE, "tcp", 30082, LOCAL), Map.of("DROP", 1.0)),
        Arguments.of("eTP Local without local endpoints: ClusterIP still works",
            new Packet(POD, "10.96.0.14", "tcp", 80, LOCAL), Map.of("10.244.2.6:8080", 1.0)),
        Arguments.of("affinity: no recent entry, random over both",
            new Packet(POD, "10.96.0.11", "tcp", 80, LOCAL),
            Map.of("10.244.1.4:8080", 0.5, "10.244.2.4:8080", 0.5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void traceMixed(String name, Packet packet, Map<String, Double> expected) {
    assertThat(new PacketTracer(IptablesRenderer.render(TestSnapshots.mixed())).summary(packet))
        .isEqualTo(expected);
  }

  @Test
  void affinityPinsToTheRecentEndpoint() {
    PacketTracer t = new PacketTracer(IptablesRenderer.render(TestSnapshots.mixed()));
    String sep = io.kubling.proxy.ChainNames.sep(TestSnapshots.mixed().services().stream()
            .filter(sp -> sp.name().equals(TestSnapshots.STICKY)).findFirst().orElseThrow(),
        TestSnapshots.ep("10.244.2.4", "node-2"));
    assertThat(t.summary(new Packet(POD, "10.96.0.11", "tcp", 80, LOCAL, Set.of(sep))))
        .isEqualTo(Map.of("10.244.2.4:8080", 1.0));
  }

  @Test
  void localPoliciesUseOnlyLocalEndpointsButPodsShortCircuitExternalTraffic() {
    PacketTracer t = new PacketTracer(IptablesRenderer.render(TestSnapshots.policies()));
    assertThat(t.summary(new Packet(POD, "10.96.0.20", "tcp", 80, LOCAL)))
        .isEqualTo(Map.of("10.244.1.7:8080", 1.0));
    assertThat(t.summary(new Packet(OTHER_NODE, NODE, "tcp", 30090, LOCAL)))
        .isEqualTo(Map.of("10.244.1.7:8080", 1.0)); // source kept: no masquerade under Local
    assertThat(t.summary(new Packet("203.0.113.5", "192.168.60.10", "tcp", 80, LOCAL)))
        .isEqualTo(Map.of("10.244.1.7:8080", 1.0));
    assertThat(t.summary(new Packet(NODE, NODE, "tcp", 30090, LOCAL)))
        .isEqualTo(Map.of("10.244.1.7:8080 (masq)", 1.0));
  }

  @Test
  void probabilitiesStayUniformForManyEndpoints() {
    ProxySnapshot s = TestSnapshots.large(1, 7);
    Map<String, Double> summary = new PacketTracer(IptablesRenderer.render(s))
        .summary(new Packet(POD, "10.96.0.0", "tcp", 80, LOCAL));
    assertThat(summary).hasSize(7);
    assertThat(summary.values()).allSatisfy(p -> assertThat(p).isCloseTo(1.0 / 7,
        org.assertj.core.data.Offset.offset(1e-4)));
  }
}
