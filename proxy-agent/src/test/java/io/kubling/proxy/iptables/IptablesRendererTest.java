package io.kubling.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.proxy.GoldenDump;
import io.kubling.proxy.RenderScope;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.TestSnapshots;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IptablesRendererTest {

  private static void assertGolden(String name, String actual, String expected) {
    GoldenDump.write("iptables-" + name, actual);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void mixedServices() {
    assertGolden("mixed", IptablesRenderer.render(TestSnapshots.mixed()), MIXED);
  }

  @Test
  void localTrafficPolicies() {
    assertGolden("policies", IptablesRenderer.render(TestSnapshots.policies()), POLICIES);
  }

  @Test
  void partialSyncRewritesOnlyTheChangedServicesChainsAndDeletesStaleOnes() {
    ProxySnapshot s = TestSnapshots.mixed();
    String out = IptablesRenderer.render(s,
        RenderScope.partial(Set.of(TestSnapshots.DNS), Set.of("KUBE-SEP-GONEGONEGONEGONE")));
    assertGolden("partial", out, PARTIAL);
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(IptablesRenderer.render(TestSnapshots.mixed()))
        .isEqualTo(IptablesRenderer.render(TestSnapshots.mixed()));
  }

  @Test
  void chainNamesAreUpstreamHashes() {
    // Values from a real cluster: default/kubernetes:https and kube-system/kube-dns:dns.
    var https = io.kubling.proxy.ServicePort.clusterIP(
        new io.kubling.proxy.ServicePortName("default", "kubernetes", "https"),
        io.kubling.proxy.Protocol.TCP, "10.96.0.1", 443);
    var dns = io.kubling.proxy.ServicePort.clusterIP(
        new io.kubling.proxy.ServicePortName("kube-system", "kube-dns", "dns"),
        io.kubling.proxy.Protocol.UDP, "10.96.0.10", 53);
    assertThat(io.kubling.proxy.ChainNames.svc(https)).isEqualTo("KUBE-SVC-NPX46M4PTMTKRN6Y");
    assertThat(io.kubling.proxy.ChainNames.svc(dns)).isEqualTo("KUBE-SVC-TCOU7JCQXEZGVUNU");
  }

  static final String MIXED = """
      *filter
      :KUBE-EXTERNAL-SERVICES - [0:0]
      :KUBE-FORWARD - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-SERVICES - [0:0]
      -A KUBE-SERVICES -m comment --comment "ns1/empty:http has no endpoints" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j REJECT
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/empty:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30081 -j REJECT
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/local:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30082 -j DROP
      -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      COMMIT
      *nat
      :KUBE-MARK-MASQ - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-POSTROUTING - [0:0]
      :KUBE-SERVICES - [0:0]
      :KUBE-SEP-HAN2PLNSX54ZC2LK - [0:0]
      :KUBE-SEP-I6P3JASHGME6UZ3D - [0:0]
      :KUBE-SVC-L4KWDJJLMVKGD7Z5 - [0:0]
      :KUBE-EXT-4LVCYZMTA5CQO6SX - [0:0]
      :KUBE-SEP-5JWUYIWV7MRRRDMU - [0:0]
      :KUBE-SEP-TCHSYJU4C2SBUOO7 - [0:0]
      :KUBE-SEP-Z6OJ54VKONQ5FNID - [0:0]
      :KUBE-SVC-4LVCYZMTA5CQO6SX - [0:0]
      :KUBE-SEP-66NP45BXTQMA4Z5B - [0:0]
      :KUBE-SVC-P2PEPPDBVJT3HIZY - [0:0]
      :KUBE-SEP-5O4XT2SZAP63O6I7 - [0:0]
      :KUBE-SVC-K5TNFMNM3UKAC2VD - [0:0]
      -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
      -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
      -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
      -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
      -A KUBE-SERVICES -m comment --comment "ns1/sticky cluster IP" -m tcp -p tcp -d 10.96.0.11 --dport 80 -j KUBE-SVC-L4KWDJJLMVKGD7Z5
      -A KUBE-SERVICES -m comment --comment "ns1/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j KUBE-SVC-4LVCYZMTA5CQO6SX
      -A KUBE-SERVICES -m comment --comment "ns2/dns:dns cluster IP" -m udp -p udp -d 10.96.0.13 --dport 53 -j KUBE-SVC-P2PEPPDBVJT3HIZY
      -A KUBE-SERVICES -m comment --comment "ns2/local:http cluster IP" -m tcp -p tcp -d 10.96.0.14 --dport 80 -j KUBE-SVC-K5TNFMNM3UKAC2VD
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.50.1 -j KUBE-NODEPORTS
      -A KUBE-NODEPORTS -m comment --comment ns1/web:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-4LVCYZMTA5CQO6SX
      -A KUBE-SVC-L4KWDJJLMVKGD7Z5 -m comment --comment "ns1/sticky cluster IP" -m tcp -p tcp -d 10.96.0.11 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
      -A KUBE-SVC-L4KWDJJLMVKGD7Z5 -m comment --comment "ns1/sticky -> 10.244.1.4:8080" -m recent --name KUBE-SEP-HAN2PLNSX54ZC2LK --rcheck --seconds 10800 --reap -j KUBE-SEP-HAN2PLNSX54ZC2LK
      -A KUBE-SVC-L4KWDJJLMVKGD7Z5 -m comment --comment "ns1/sticky -> 10.244.2.4:8080" -m recent --name KUBE-SEP-I6P3JASHGME6UZ3D --rcheck --seconds 10800 --reap -j KUBE-SEP-I6P3JASHGME6UZ3D
      -A KUBE-SVC-L4KWDJJLMVKGD7Z5 -m comment --comment "ns1/sticky -> 10.244.1.4:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-HAN2PLNSX54ZC2LK
      -A KUBE-SVC-L4KWDJJLMVKGD7Z5 -m comment --comment "ns1/sticky -> 10.244.2.4:8080" -j KUBE-SEP-I6P3JASHGME6UZ3D
      -A KUBE-SEP-HAN2PLNSX54ZC2LK -m comment --comment ns1/sticky -s 10.244.1.4 -j KUBE-MARK-MASQ
      -A KUBE-SEP-HAN2PLNSX54ZC2LK -m comment --comment ns1/sticky -m recent --name KUBE-SEP-HAN2PLNSX54ZC2LK --set -m tcp -p tcp -j DNAT --to-destination 10.244.1.4:8080
      -A KUBE-SEP-I6P3JASHGME6UZ3D -m comment --comment ns1/sticky -s 10.244.2.4 -j KUBE-MARK-MASQ
      -A KUBE-SEP-I6P3JASHGME6UZ3D -m comment --comment ns1/sticky -m recent --name KUBE-SEP-I6P3JASHGME6UZ3D --set -m tcp -p tcp -j DNAT --to-destination 10.244.2.4:8080
      -A KUBE-EXT-4LVCYZMTA5CQO6SX -m comment --comment "masquerade traffic for ns1/web:http external destinations" -j KUBE-MARK-MASQ
      -A KUBE-EXT-4LVCYZMTA5CQO6SX -j KUBE-SVC-4LVCYZMTA5CQO6SX
      -A KUBE-SVC-4LVCYZMTA5CQO6SX -m comment --comment "ns1/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
      -A KUBE-SVC-4LVCYZMTA5CQO6SX -m comment --comment "ns1/web:http -> 10.244.1.2:8080" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-TCHSYJU4C2SBUOO7
      -A KUBE-SVC-4LVCYZMTA5CQO6SX -m comment --comment "ns1/web:http -> 10.244.1.3:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-5JWUYIWV7MRRRDMU
      -A KUBE-SVC-4LVCYZMTA5CQO6SX -m comment --comment "ns1/web:http -> 10.244.2.2:8080" -j KUBE-SEP-Z6OJ54VKONQ5FNID
      -A KUBE-SEP-TCHSYJU4C2SBUOO7 -m comment --comment ns1/web:http -s 10.244.1.2 -j KUBE-MARK-MASQ
      -A KUBE-SEP-TCHSYJU4C2SBUOO7 -m comment --comment ns1/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080
      -A KUBE-SEP-5JWUYIWV7MRRRDMU -m comment --comment ns1/web:http -s 10.244.1.3 -j KUBE-MARK-MASQ
      -A KUBE-SEP-5JWUYIWV7MRRRDMU -m comment --comment ns1/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.3:8080
      -A KUBE-SEP-Z6OJ54VKONQ5FNID -m comment --comment ns1/web:http -s 10.244.2.2 -j KUBE-MARK-MASQ
      -A KUBE-SEP-Z6OJ54VKONQ5FNID -m comment --comment ns1/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.2:8080
      -A KUBE-SVC-P2PEPPDBVJT3HIZY -m comment --comment "ns2/dns:dns cluster IP" -m udp -p udp -d 10.96.0.13 --dport 53 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
      -A KUBE-SVC-P2PEPPDBVJT3HIZY -m comment --comment "ns2/dns:dns -> 10.244.1.5:53" -j KUBE-SEP-66NP45BXTQMA4Z5B
      -A KUBE-SEP-66NP45BXTQMA4Z5B -m comment --comment ns2/dns:dns -s 10.244.1.5 -j KUBE-MARK-MASQ
      -A KUBE-SEP-66NP45BXTQMA4Z5B -m comment --comment ns2/dns:dns -m udp -p udp -j DNAT --to-destination 10.244.1.5:53
      -A KUBE-SVC-K5TNFMNM3UKAC2VD -m comment --comment "ns2/local:http cluster IP" -m tcp -p tcp -d 10.96.0.14 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
      -A KUBE-SVC-K5TNFMNM3UKAC2VD -m comment --comment "ns2/local:http -> 10.244.2.6:8080" -j KUBE-SEP-5O4XT2SZAP63O6I7
      -A KUBE-SEP-5O4XT2SZAP63O6I7 -m comment --comment ns2/local:http -s 10.244.2.6 -j KUBE-MARK-MASQ
      -A KUBE-SEP-5O4XT2SZAP63O6I7 -m comment --comment ns2/local:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.6:8080
      COMMIT
      """;

  static final String POLICIES = """
      *filter
      :KUBE-EXTERNAL-SERVICES - [0:0]
      :KUBE-FORWARD - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-SERVICES - [0:0]
      -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      COMMIT
      *nat
      :KUBE-MARK-MASQ - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-POSTROUTING - [0:0]
      :KUBE-SERVICES - [0:0]
      :KUBE-EXT-NQELUQXUYVETOBLC - [0:0]
      :KUBE-SEP-K5NIJCVDYHZGD5HY - [0:0]
      :KUBE-SVL-NQELUQXUYVETOBLC - [0:0]
      -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
      -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
      -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
      -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
      -A KUBE-SERVICES -m comment --comment "ns3/both:http cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j KUBE-SVL-NQELUQXUYVETOBLC
      -A KUBE-SERVICES -m comment --comment "ns3/both:http external IP" -m tcp -p tcp -d 192.168.60.20 --dport 80 -j KUBE-EXT-NQELUQXUYVETOBLC
      -A KUBE-SERVICES -m comment --comment "ns3/both:http loadbalancer IP" -m tcp -p tcp -d 192.168.60.10 --dport 80 -j KUBE-EXT-NQELUQXUYVETOBLC
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.50.1 -j KUBE-NODEPORTS
      -A KUBE-NODEPORTS -m comment --comment ns3/both:http -m tcp -p tcp --dport 30090 -j KUBE-EXT-NQELUQXUYVETOBLC
      -A KUBE-EXT-NQELUQXUYVETOBLC -m comment --comment "pod traffic for ns3/both:http external destinations" -s 10.244.0.0/16 -j KUBE-SVL-NQELUQXUYVETOBLC
      -A KUBE-EXT-NQELUQXUYVETOBLC -m comment --comment "masquerade LOCAL traffic for ns3/both:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
      -A KUBE-EXT-NQELUQXUYVETOBLC -m comment --comment "route LOCAL traffic for ns3/both:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVL-NQELUQXUYVETOBLC
      -A KUBE-EXT-NQELUQXUYVETOBLC -j KUBE-SVL-NQELUQXUYVETOBLC
      -A KUBE-SVL-NQELUQXUYVETOBLC -m comment --comment "ns3/both:http cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
      -A KUBE-SVL-NQELUQXUYVETOBLC -m comment --comment "ns3/both:http -> 10.244.1.7:8080" -j KUBE-SEP-K5NIJCVDYHZGD5HY
      -A KUBE-SEP-K5NIJCVDYHZGD5HY -m comment --comment ns3/both:http -s 10.244.1.7 -j KUBE-MARK-MASQ
      -A KUBE-SEP-K5NIJCVDYHZGD5HY -m comment --comment ns3/both:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.7:8080
      COMMIT
      """;

  static final String PARTIAL = """
      *filter
      :KUBE-EXTERNAL-SERVICES - [0:0]
      :KUBE-FORWARD - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-SERVICES - [0:0]
      -A KUBE-SERVICES -m comment --comment "ns1/empty:http has no endpoints" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j REJECT
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/empty:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30081 -j REJECT
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/local:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30082 -j DROP
      -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      COMMIT
      *nat
      :KUBE-MARK-MASQ - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-POSTROUTING - [0:0]
      :KUBE-SERVICES - [0:0]
      :KUBE-SEP-66NP45BXTQMA4Z5B - [0:0]
      :KUBE-SVC-P2PEPPDBVJT3HIZY - [0:0]
      :KUBE-SEP-GONEGONEGONEGONE - [0:0]
      -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
      -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
      -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
      -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
      -A KUBE-SERVICES -m comment --comment "ns1/sticky cluster IP" -m tcp -p tcp -d 10.96.0.11 --dport 80 -j KUBE-SVC-L4KWDJJLMVKGD7Z5
      -A KUBE-SERVICES -m comment --comment "ns1/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j KUBE-SVC-4LVCYZMTA5CQO6SX
      -A KUBE-SERVICES -m comment --comment "ns2/dns:dns cluster IP" -m udp -p udp -d 10.96.0.13 --dport 53 -j KUBE-SVC-P2PEPPDBVJT3HIZY
      -A KUBE-SERVICES -m comment --comment "ns2/local:http cluster IP" -m tcp -p tcp -d 10.96.0.14 --dport 80 -j KUBE-SVC-K5TNFMNM3UKAC2VD
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.50.1 -j KUBE-NODEPORTS
      -A KUBE-NODEPORTS -m comment --comment ns1/web:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-4LVCYZMTA5CQO6SX
      -A KUBE-SVC-P2PEPPDBVJT3HIZY -m comment --comment "ns2/dns:dns cluster IP" -m udp -p udp -d 10.96.0.13 --dport 53 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
      -A KUBE-SVC-P2PEPPDBVJT3HIZY -m comment --comment "ns2/dns:dns -> 10.244.1.5:53" -j KUBE-SEP-66NP45BXTQMA4Z5B
      -A KUBE-SEP-66NP45BXTQMA4Z5B -m comment --comment ns2/dns:dns -s 10.244.1.5 -j KUBE-MARK-MASQ
      -A KUBE-SEP-66NP45BXTQMA4Z5B -m comment --comment ns2/dns:dns -m udp -p udp -j DNAT --to-destination 10.244.1.5:53
      -X KUBE-SEP-GONEGONEGONEGONE
      COMMIT
      """;
}
