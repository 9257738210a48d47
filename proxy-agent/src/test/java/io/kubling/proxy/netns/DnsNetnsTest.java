package io.kubling.proxy.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static io.kubling.testkit.Requirements.require;

import io.kubling.proxy.Endpoint;
import io.kubling.proxy.Protocol;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.RuleProxier;
import io.kubling.proxy.ServicePort;
import io.kubling.proxy.ServicePortName;
import io.kubling.proxy.dns.DnsRecords;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nslookup-style queries from a pod: its resolv.conf names the kube-dns ClusterIP in
 * kube-system, whose endpoint is the DNS server on the node; short names go through the search
 * domains, as a resolver does.
 */
class DnsNetnsTest {
  static final String RESOLVER = """
      import socket, struct, sys
      conf, name = sys.argv[1], sys.argv[2]
      search, server = [], None
      for line in open(conf):
          f = line.split()
          if f and f[0] == "search": search = f[1:]
          if f and f[0] == "nameserver": server = f[1]
      def ask(q):
          msg = struct.pack(">HHHHHH", 1, 0x0100, 1, 0, 0, 0)
          for l in q.rstrip(".").split("."):
              msg += bytes([len(l)]) + l.encode()
          msg += b"\\0" + struct.pack(">HH", 1, 1)
          s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
          s.sendto(msg, (server, 53)); r = s.recv(512)
          rcode, an = r[3] & 15, struct.unpack(">H", r[6:8])[0]
          return rcode, [".".join(str(b) for b in r[i-4:i]) for i in range(len(r), len(r) - 16 * an, -16)]
      names = [name] if name.endswith(".") or name.count(".") >= 5 else [name + "." + d for d in search] + [name]
      for q in names:
          rcode, ips = ask(q)
          if rcode == 0 and ips:
              print("Name: " + q.rstrip(".")); print("Address: " + " ".join(sorted(ips))); break
      else:
          print("NXDOMAIN")
      """;

  @Test
  void aPodResolvesServiceNamesShortAndFullyQualified() throws Exception {
    require(NetnsLab.available(), "needs root and iproute2 to create network namespaces");
    try (NetnsLab lab = new NetnsLab()) {
      ServicePortName dns = new ServicePortName("kube-system", "kube-dns", "dns");
      ProxySnapshot s = new ProxySnapshot(
          List.of(ServicePort.clusterIP(dns, Protocol.UDP, "10.96.0.53", 53)),
          Map.of(dns, List.of(new Endpoint("10.244.1.1", 5353, "node-1"))), LabSnapshots.NODE);
      RuleProxier.iptables(lab.in(lab.node())).sync(s, null);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process server = new ProcessBuilder("ip", "netns", "exec", lab.node(), java, "-cp",
          System.getProperty("java.class.path"), DnsNodeMain.class.getName())
          .redirectError(lab.dir().resolve("dns.log").toFile()).start();
      try {
        assertThat(new BufferedReader(new InputStreamReader(server.getInputStream())).readLine())
            .isEqualTo("ready");
        Path conf = lab.dir().resolve("resolv.conf");
        Files.writeString(conf, DnsRecords.resolvConf("default", "10.96.0.53", "cluster.local"));
        Path script = Files.writeString(lab.dir().resolve("nslookup.py"), RESOLVER);
        String py = NetnsLab.python();
        assertThat(lab.in(lab.clientPod()).run(null, py, script.toString(), conf.toString(),
            "web")).isEqualTo("Name: web.default.svc.cluster.local\nAddress: 10.96.0.10\n");
        assertThat(lab.in(lab.clientPod()).run(null, py, script.toString(), conf.toString(),
            "web.default.svc.cluster.local.")).contains("Address: 10.96.0.10");
        assertThat(lab.in(lab.clientPod()).run(null, py, script.toString(), conf.toString(),
            "kube-dns.kube-system")).contains("Address: 10.96.0.53");
        assertThat(lab.in(lab.clientPod()).run(null, py, script.toString(), conf.toString(),
            "pods")).contains("Address: 10.244.1.2 10.244.1.3 10.244.1.4");
        assertThat(lab.in(lab.clientPod()).run(null, py, script.toString(), conf.toString(),
            "nothing-here")).isEqualTo("NXDOMAIN\n");
      } finally {
        server.destroyForcibly();
        server.waitFor();
      }
    }
  }
}
