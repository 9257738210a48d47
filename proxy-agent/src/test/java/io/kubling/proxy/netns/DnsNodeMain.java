package io.kubling.proxy.netns;

import io.kubling.proxy.dns.DnsRecords;
import io.kubling.proxy.dns.DnsServer;
import java.util.List;

/** The service DNS server as a process in the lab's node namespace, on the bridge address. */
public final class DnsNodeMain {
  public static void main(String[] args) throws Exception {
    DnsRecords zone = new DnsRecords("cluster.local", List.of(
        new DnsRecords.DnsService("default", "web", LabSnapshots.WEB_IP,
            List.of(new DnsRecords.NamedPort("http", "TCP", 80)), List.of()),
        new DnsRecords.DnsService("default", "pods", null, List.of(),
            List.of("10.244.1.2", "10.244.1.3", "10.244.1.4")),
        new DnsRecords.DnsService("kube-system", "kube-dns", "10.96.0.53",
            List.of(new DnsRecords.NamedPort("dns", "UDP", 53)), List.of())));
    new DnsServer(io.vertx.core.Vertx.vertx(), zone).listen("10.244.1.1", 5353);
    System.out.println("ready");
    Thread.sleep(Long.MAX_VALUE);
  }
}
