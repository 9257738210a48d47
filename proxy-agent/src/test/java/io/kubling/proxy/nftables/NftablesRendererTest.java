package io.kubling.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.proxy.GoldenDump;
import io.kubling.proxy.RenderScope;
import io.kubling.proxy.TestSnapshots;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NftablesRendererTest {

  private static void assertGolden(String name, String actual, String expected) {
    GoldenDump.write("nftables-" + name, actual);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void mixedServices() {
    assertGolden("mixed", NftablesRenderer.render(TestSnapshots.mixed()), MIXED);
  }

  @Test
  void localTrafficPolicies() {
    assertGolden("policies", NftablesRenderer.render(TestSnapshots.policies()), POLICIES);
  }

  @Test
  void partialSync() {
    assertGolden("partial", NftablesRenderer.render(TestSnapshots.mixed(),
        RenderScope.partial(Set.of(TestSnapshots.DNS),
            Set.of("endpoint-GONEGONE-ns2/dns/udp/dns__10.244.9.9/53"))), PARTIAL);
  }

  @Test
  void everyGotoAndJumpTargetIsDeclared() {
    assertThat(NftablesChecker.check(NftablesRenderer.render(TestSnapshots.mixed()))).isEmpty();
    assertThat(NftablesChecker.check(NftablesRenderer.render(TestSnapshots.policies())))
        .isEmpty();
    assertThat(NftablesChecker.check(NftablesRenderer.render(TestSnapshots.large(20, 3))))
        .isEmpty();
    assertThat(NftablesChecker.check("add table ip kube-proxy\n"
        + "add rule ip kube-proxy services goto nowhere\n"))
        .containsExactly("rule in undeclared chain services", "goto to undeclared chain nowhere");
  }

  @Test
  void upstreamNames() {
    var sp = io.kubling.proxy.ServicePort.clusterIP(
        new io.kubling.proxy.ServicePortName("ns1", "svc1", "p80"),
        io.kubling.proxy.Protocol.TCP, "172.30.0.41", 80);
    assertThat(io.kubling.proxy.ChainNames.nft("service", io.kubling.proxy.ChainNames.nftBase(sp)))
        .isEqualTo("service-ULMVA6XW-ns1/svc1/tcp/p80");
    assertThat(io.kubling.proxy.ChainNames.nft("endpoint", io.kubling.proxy.ChainNames
        .nftEndpointBase(sp, new io.kubling.proxy.Endpoint("10.180.0.1", 80, ""))))
        .isEqualTo("endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80");
  }

  static final String MIXED = """
      add table ip kube-proxy { comment "rules for kube-proxy" ; }
      flush table ip kube-proxy

      add set ip kube-proxy cluster-ips { type ipv4_addr ; comment "Active ClusterIPs" ; }
      add set ip kube-proxy nodeport-ips { type ipv4_addr ; comment "IPs that accept NodePort traffic" ; }
      add map ip kube-proxy no-endpoint-nodeports { type inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to service nodeports with no endpoints" ; }
      add map ip kube-proxy no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to services with no endpoints" ; }
      add map ip kube-proxy service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment "ClusterIP, ExternalIP and LoadBalancer IP traffic" ; }
      add map ip kube-proxy service-nodeports { type inet_proto . inet_service : verdict ; comment "NodePort traffic" ; }
      flush map ip kube-proxy no-endpoint-nodeports
      flush map ip kube-proxy no-endpoint-services
      flush map ip kube-proxy service-ips
      flush map ip kube-proxy service-nodeports
      flush set ip kube-proxy cluster-ips
      flush set ip kube-proxy nodeport-ips

      add chain ip kube-proxy cluster-ips-check
      add chain ip kube-proxy filter-forward { type filter hook forward priority 0 ; }
      add chain ip kube-proxy filter-input { type filter hook input priority 0 ; }
      add chain ip kube-proxy filter-output { type filter hook output priority 0 ; }
      add chain ip kube-proxy mark-for-masquerade
      add chain ip kube-proxy masquerading
      add chain ip kube-proxy nat-output { type nat hook output priority -100 ; }
      add chain ip kube-proxy nat-postrouting { type nat hook postrouting priority 100 ; }
      add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority -100 ; }
      add chain ip kube-proxy nodeport-endpoints-check
      add chain ip kube-proxy reject-chain { comment "helper for @no-endpoint-services / @no-endpoint-nodeports" ; }
      add chain ip kube-proxy services
      add chain ip kube-proxy service-endpoints-check

      add rule ip kube-proxy cluster-ips-check ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"
      add rule ip kube-proxy cluster-ips-check ip daddr { 10.96.0.0/12 } drop comment "Drop traffic to unallocated ClusterIPs"
      add rule ip kube-proxy filter-forward ct state new jump service-endpoints-check
      add rule ip kube-proxy filter-forward ct state new jump cluster-ips-check
      add rule ip kube-proxy filter-input ct state new jump nodeport-endpoints-check
      add rule ip kube-proxy filter-input ct state new jump service-endpoints-check
      add rule ip kube-proxy filter-output ct state new jump service-endpoints-check
      add rule ip kube-proxy filter-output ct state new jump cluster-ips-check
      add rule ip kube-proxy mark-for-masquerade mark set mark or 0x4000
      add rule ip kube-proxy masquerading mark and 0x4000 == 0 return
      add rule ip kube-proxy masquerading mark set mark xor 0x4000
      add rule ip kube-proxy masquerading masquerade fully-random
      add rule ip kube-proxy nat-output jump services
      add rule ip kube-proxy nat-postrouting jump masquerading
      add rule ip kube-proxy nat-prerouting jump services
      add rule ip kube-proxy nodeport-endpoints-check ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports
      add rule ip kube-proxy reject-chain reject
      add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips
      add rule ip kube-proxy services ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports
      add rule ip kube-proxy service-endpoints-check ip daddr . meta l4proto . th dport vmap @no-endpoint-services

      add element ip kube-proxy nodeport-ips { 192.168.50.1 }
      # ns1/empty:http tcp
      add element ip kube-proxy cluster-ips { 10.96.0.12 }
      add element ip kube-proxy no-endpoint-services { 10.96.0.12 . tcp . 80 comment "ns1/empty:http" : goto reject-chain }
      add element ip kube-proxy no-endpoint-nodeports { tcp . 30081 comment "ns1/empty:http" : goto reject-chain }

      # ns1/sticky tcp
      add chain ip kube-proxy service-EUMLY6FU-ns1/sticky/tcp/
      add chain ip kube-proxy endpoint-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080
      add set ip kube-proxy affinity-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080 { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }
      add chain ip kube-proxy endpoint-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080
      add set ip kube-proxy affinity-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080 { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }
      add rule ip kube-proxy service-EUMLY6FU-ns1/sticky/tcp/ ip daddr 10.96.0.11 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
      add rule ip kube-proxy service-EUMLY6FU-ns1/sticky/tcp/ ip saddr @affinity-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080 goto endpoint-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080
      add rule ip kube-proxy service-EUMLY6FU-ns1/sticky/tcp/ ip saddr @affinity-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080 goto endpoint-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080
      add rule ip kube-proxy service-EUMLY6FU-ns1/sticky/tcp/ numgen random mod 2 vmap { 0 : goto endpoint-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080 , 1 : goto endpoint-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080 }
      add rule ip kube-proxy endpoint-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080 ip saddr 10.244.1.4 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080 update @affinity-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080 { ip saddr }
      add rule ip kube-proxy endpoint-ETBQWEPE-ns1/sticky/tcp/__10.244.1.4/8080 meta l4proto tcp dnat to 10.244.1.4:8080
      add rule ip kube-proxy endpoint-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080 ip saddr 10.244.2.4 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080 update @affinity-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080 { ip saddr }
      add rule ip kube-proxy endpoint-FTXLX5SJ-ns1/sticky/tcp/__10.244.2.4/8080 meta l4proto tcp dnat to 10.244.2.4:8080
      add element ip kube-proxy cluster-ips { 10.96.0.11 }
      add element ip kube-proxy service-ips { 10.96.0.11 . tcp . 80 : goto service-EUMLY6FU-ns1/sticky/tcp/ }

      # ns1/web:http tcp
      add chain ip kube-proxy service-DK7ABAZC-ns1/web/tcp/http
      add chain ip kube-proxy external-DK7ABAZC-ns1/web/tcp/http
      add chain ip kube-proxy endpoint-R6EW3KCZ-ns1/web/tcp/http__10.244.1.2/8080
      add chain ip kube-proxy endpoint-WAFQ7V3O-ns1/web/tcp/http__10.244.1.3/8080
      add chain ip kube-proxy endpoint-5VGXRQ35-ns1/web/tcp/http__10.244.2.2/8080
      add rule ip kube-proxy service-DK7ABAZC-ns1/web/tcp/http ip daddr 10.96.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
      add rule ip kube-proxy service-DK7ABAZC-ns1/web/tcp/http numgen random mod 3 vmap { 0 : goto endpoint-R6EW3KCZ-ns1/web/tcp/http__10.244.1.2/8080 , 1 : goto endpoint-WAFQ7V3O-ns1/web/tcp/http__10.244.1.3/8080 , 2 : goto endpoint-5VGXRQ35-ns1/web/tcp/http__10.244.2.2/8080 }
      add rule ip kube-proxy external-DK7ABAZC-ns1/web/tcp/http jump mark-for-masquerade
      add rule ip kube-proxy external-DK7ABAZC-ns1/web/tcp/http goto service-DK7ABAZC-ns1/web/tcp/http
      add rule ip kube-proxy endpoint-R6EW3KCZ-ns1/web/tcp/http__10.244.1.2/8080 ip saddr 10.244.1.2 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-R6EW3KCZ-ns1/web/tcp/http__10.244.1.2/8080 meta l4proto tcp dnat to 10.244.1.2:8080
      add rule ip kube-proxy endpoint-WAFQ7V3O-ns1/web/tcp/http__10.244.1.3/8080 ip saddr 10.244.1.3 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-WAFQ7V3O-ns1/web/tcp/http__10.244.1.3/8080 meta l4proto tcp dnat to 10.244.1.3:8080
      add rule ip kube-proxy endpoint-5VGXRQ35-ns1/web/tcp/http__10.244.2.2/8080 ip saddr 10.244.2.2 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-5VGXRQ35-ns1/web/tcp/http__10.244.2.2/8080 meta l4proto tcp dnat to 10.244.2.2:8080
      add element ip kube-proxy cluster-ips { 10.96.0.10 }
      add element ip kube-proxy service-ips { 10.96.0.10 . tcp . 80 : goto service-DK7ABAZC-ns1/web/tcp/http }
      add element ip kube-proxy service-nodeports { tcp . 30080 : goto external-DK7ABAZC-ns1/web/tcp/http }

      # ns2/dns:dns udp
      add chain ip kube-proxy service-HA5TFVWE-ns2/dns/udp/dns
      add chain ip kube-proxy endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53
      add rule ip kube-proxy service-HA5TFVWE-ns2/dns/udp/dns ip daddr 10.96.0.13 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
      add rule ip kube-proxy service-HA5TFVWE-ns2/dns/udp/dns numgen random mod 1 vmap { 0 : goto endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53 }
      add rule ip kube-proxy endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53 ip saddr 10.244.1.5 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53 meta l4proto udp dnat to 10.244.1.5:53
      add element ip kube-proxy cluster-ips { 10.96.0.13 }
      add element ip kube-proxy service-ips { 10.96.0.13 . udp . 53 : goto service-HA5TFVWE-ns2/dns/udp/dns }

      # ns2/local:http tcp
      add chain ip kube-proxy service-UNPRQAGV-ns2/local/tcp/http
      add chain ip kube-proxy endpoint-C3YJ5PIB-ns2/local/tcp/http__10.244.2.6/8080
      add rule ip kube-proxy service-UNPRQAGV-ns2/local/tcp/http ip daddr 10.96.0.14 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
      add rule ip kube-proxy service-UNPRQAGV-ns2/local/tcp/http numgen random mod 1 vmap { 0 : goto endpoint-C3YJ5PIB-ns2/local/tcp/http__10.244.2.6/8080 }
      add rule ip kube-proxy endpoint-C3YJ5PIB-ns2/local/tcp/http__10.244.2.6/8080 ip saddr 10.244.2.6 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-C3YJ5PIB-ns2/local/tcp/http__10.244.2.6/8080 meta l4proto tcp dnat to 10.244.2.6:8080
      add element ip kube-proxy cluster-ips { 10.96.0.14 }
      add element ip kube-proxy service-ips { 10.96.0.14 . tcp . 80 : goto service-UNPRQAGV-ns2/local/tcp/http }
      add element ip kube-proxy no-endpoint-nodeports { tcp . 30082 comment "ns2/local:http" : drop }

      """;

  static final String POLICIES = """
      add table ip kube-proxy { comment "rules for kube-proxy" ; }
      flush table ip kube-proxy

      add set ip kube-proxy cluster-ips { type ipv4_addr ; comment "Active ClusterIPs" ; }
      add set ip kube-proxy nodeport-ips { type ipv4_addr ; comment "IPs that accept NodePort traffic" ; }
      add map ip kube-proxy no-endpoint-nodeports { type inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to service nodeports with no endpoints" ; }
      add map ip kube-proxy no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to services with no endpoints" ; }
      add map ip kube-proxy service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment "ClusterIP, ExternalIP and LoadBalancer IP traffic" ; }
      add map ip kube-proxy service-nodeports { type inet_proto . inet_service : verdict ; comment "NodePort traffic" ; }
      flush map ip kube-proxy no-endpoint-nodeports
      flush map ip kube-proxy no-endpoint-services
      flush map ip kube-proxy service-ips
      flush map ip kube-proxy service-nodeports
      flush set ip kube-proxy cluster-ips
      flush set ip kube-proxy nodeport-ips

      add chain ip kube-proxy cluster-ips-check
      add chain ip kube-proxy filter-forward { type filter hook forward priority 0 ; }
      add chain ip kube-proxy filter-input { type filter hook input priority 0 ; }
      add chain ip kube-proxy filter-output { type filter hook output priority 0 ; }
      add chain ip kube-proxy mark-for-masquerade
      add chain ip kube-proxy masquerading
      add chain ip kube-proxy nat-output { type nat hook output priority -100 ; }
      add chain ip kube-proxy nat-postrouting { type nat hook postrouting priority 100 ; }
      add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority -100 ; }
      add chain ip kube-proxy nodeport-endpoints-check
      add chain ip kube-proxy reject-chain { comment "helper for @no-endpoint-services / @no-endpoint-nodeports" ; }
      add chain ip kube-proxy services
      add chain ip kube-proxy service-endpoints-check

      add rule ip kube-proxy cluster-ips-check ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"
      add rule ip kube-proxy cluster-ips-check ip daddr { 10.96.0.0/12 } drop comment "Drop traffic to unallocated ClusterIPs"
      add rule ip kube-proxy filter-forward ct state new jump service-endpoints-check
      add rule ip kube-proxy filter-forward ct state new jump cluster-ips-check
      add rule ip kube-proxy filter-input ct state new jump nodeport-endpoints-check
      add rule ip kube-proxy filter-input ct state new jump service-endpoints-check
      add rule ip kube-proxy filter-output ct state new jump service-endpoints-check
      add rule ip kube-proxy filter-output ct state new jump cluster-ips-check
      add rule ip kube-proxy mark-for-masquerade mark set mark or 0x4000
      add rule ip kube-proxy masquerading mark and 0x4000 == 0 return
      add rule ip kube-proxy masquerading mark set mark xor 0x4000
      add rule ip kube-proxy masquerading masquerade fully-random
      add rule ip kube-proxy nat-output jump services
      add rule ip kube-proxy nat-postrouting jump masquerading
      add rule ip kube-proxy nat-prerouting jump services
      add rule ip kube-proxy nodeport-endpoints-check ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports
      add rule ip kube-proxy reject-chain reject
      add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips
      add rule ip kube-proxy services ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports
      add rule ip kube-proxy service-endpoints-check ip daddr . meta l4proto . th dport vmap @no-endpoint-services

      add element ip kube-proxy nodeport-ips { 192.168.50.1 }
      # ns3/both:http tcp
      add chain ip kube-proxy local-LPXS2LXJ-ns3/both/tcp/http
      add chain ip kube-proxy external-LPXS2LXJ-ns3/both/tcp/http
      add chain ip kube-proxy endpoint-BCTZKIMT-ns3/both/tcp/http__10.244.1.7/8080
      add rule ip kube-proxy local-LPXS2LXJ-ns3/both/tcp/http ip daddr 10.96.0.20 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
      add rule ip kube-proxy local-LPXS2LXJ-ns3/both/tcp/http numgen random mod 1 vmap { 0 : goto endpoint-BCTZKIMT-ns3/both/tcp/http__10.244.1.7/8080 }
      add rule ip kube-proxy external-LPXS2LXJ-ns3/both/tcp/http ip saddr 10.244.0.0/16 goto local-LPXS2LXJ-ns3/both/tcp/http comment "short-circuit pod traffic"
      add rule ip kube-proxy external-LPXS2LXJ-ns3/both/tcp/http fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"
      add rule ip kube-proxy external-LPXS2LXJ-ns3/both/tcp/http fib saddr type local goto local-LPXS2LXJ-ns3/both/tcp/http comment "short-circuit local traffic"
      add rule ip kube-proxy external-LPXS2LXJ-ns3/both/tcp/http goto local-LPXS2LXJ-ns3/both/tcp/http
      add rule ip kube-proxy endpoint-BCTZKIMT-ns3/both/tcp/http__10.244.1.7/8080 ip saddr 10.244.1.7 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-BCTZKIMT-ns3/both/tcp/http__10.244.1.7/8080 meta l4proto tcp dnat to 10.244.1.7:8080
      add element ip kube-proxy cluster-ips { 10.96.0.20 }
      add element ip kube-proxy service-ips { 10.96.0.20 . tcp . 80 : goto local-LPXS2LXJ-ns3/both/tcp/http }
      add element ip kube-proxy service-ips { 192.168.60.20 . tcp . 80 : goto external-LPXS2LXJ-ns3/both/tcp/http }
      add element ip kube-proxy service-ips { 192.168.60.10 . tcp . 80 : goto external-LPXS2LXJ-ns3/both/tcp/http }
      add element ip kube-proxy service-nodeports { tcp . 30090 : goto external-LPXS2LXJ-ns3/both/tcp/http }

      """;

  static final String PARTIAL = """
      add table ip kube-proxy { comment "rules for kube-proxy" ; }

      add set ip kube-proxy cluster-ips { type ipv4_addr ; comment "Active ClusterIPs" ; }
      add set ip kube-proxy nodeport-ips { type ipv4_addr ; comment "IPs that accept NodePort traffic" ; }
      add map ip kube-proxy no-endpoint-nodeports { type inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to service nodeports with no endpoints" ; }
      add map ip kube-proxy no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to services with no endpoints" ; }
      add map ip kube-proxy service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment "ClusterIP, ExternalIP and LoadBalancer IP traffic" ; }
      add map ip kube-proxy service-nodeports { type inet_proto . inet_service : verdict ; comment "NodePort traffic" ; }
      flush map ip kube-proxy no-endpoint-nodeports
      flush map ip kube-proxy no-endpoint-services
      flush map ip kube-proxy service-ips
      flush map ip kube-proxy service-nodeports
      flush set ip kube-proxy cluster-ips
      flush set ip kube-proxy nodeport-ips

      add element ip kube-proxy nodeport-ips { 192.168.50.1 }
      # ns1/empty:http tcp
      add element ip kube-proxy cluster-ips { 10.96.0.12 }
      add element ip kube-proxy no-endpoint-services { 10.96.0.12 . tcp . 80 comment "ns1/empty:http" : goto reject-chain }
      add element ip kube-proxy no-endpoint-nodeports { tcp . 30081 comment "ns1/empty:http" : goto reject-chain }

      # ns1/sticky tcp
      add element ip kube-proxy cluster-ips { 10.96.0.11 }
      add element ip kube-proxy service-ips { 10.96.0.11 . tcp . 80 : goto service-EUMLY6FU-ns1/sticky/tcp/ }

      # ns1/web:http tcp
      add element ip kube-proxy cluster-ips { 10.96.0.10 }
      add element ip kube-proxy service-ips { 10.96.0.10 . tcp . 80 : goto service-DK7ABAZC-ns1/web/tcp/http }
      add element ip kube-proxy service-nodeports { tcp . 30080 : goto external-DK7ABAZC-ns1/web/tcp/http }

      # ns2/dns:dns udp
      add chain ip kube-proxy service-HA5TFVWE-ns2/dns/udp/dns
      flush chain ip kube-proxy service-HA5TFVWE-ns2/dns/udp/dns
      add chain ip kube-proxy endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53
      flush chain ip kube-proxy endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53
      add rule ip kube-proxy service-HA5TFVWE-ns2/dns/udp/dns ip daddr 10.96.0.13 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
      add rule ip kube-proxy service-HA5TFVWE-ns2/dns/udp/dns numgen random mod 1 vmap { 0 : goto endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53 }
      add rule ip kube-proxy endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53 ip saddr 10.244.1.5 jump mark-for-masquerade
      add rule ip kube-proxy endpoint-CPO53JKJ-ns2/dns/udp/dns__10.244.1.5/53 meta l4proto udp dnat to 10.244.1.5:53
      add element ip kube-proxy cluster-ips { 10.96.0.13 }
      add element ip kube-proxy service-ips { 10.96.0.13 . udp . 53 : goto service-HA5TFVWE-ns2/dns/udp/dns }

      # ns2/local:http tcp
      add element ip kube-proxy cluster-ips { 10.96.0.14 }
      add element ip kube-proxy service-ips { 10.96.0.14 . tcp . 80 : goto service-UNPRQAGV-ns2/local/tcp/http }
      add element ip kube-proxy no-endpoint-nodeports { tcp . 30082 comment "ns2/local:http" : drop }

      flush chain ip kube-proxy endpoint-GONEGONE-ns2/dns/udp/dns__10.244.9.9/53
      delete chain ip kube-proxy endpoint-GONEGONE-ns2/dns/udp/dns__10.244.9.9/53
      """;
}
