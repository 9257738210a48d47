package io.kubling.bench.proxy;

import io.kubling.proxy.Endpoint;
import io.kubling.proxy.NodeConfig;
import io.kubling.proxy.Protocol;
import io.kubling.proxy.Proxier;
import io.kubling.proxy.ProxySnapshot;
import io.kubling.proxy.RuleProxier;
import io.kubling.proxy.ServicePort;
import io.kubling.proxy.ServicePortName;
import io.kubling.proxy.exec.CommandRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Service proxy benchmarks, side by side in one run, inside network namespaces of their own:
 * (1) rule sync time, a full sync against one endpoint change (incremental), at 1,000 and 10,000
 * services × 10 endpoints, iptables and nftables (render + apply); (2) data-path throughput of
 * one TCP stream through the userspace and iptables modes against straight to the pod IP.
 * Goals (DESIGN.md): incremental ≤ 0.2 × full; userspace ≥ 0.5 and iptables ≥ 0.9 × direct.
 *
 * <p>Run as root: {@code mvn -o -q -pl bench -am compile exec:java
 * -Dexec.mainClass=io.kubling.bench.proxy.ProxyBench [-Dexec.args="1000 10000"]}
 */
public final class ProxyBench {
  static final NodeConfig NODE = new NodeConfig("node-1", List.of(BenchNetns.NODE_IP),
      "10.244.0.0/16", "10.96.0.0/12");
  static final ServicePortName BULK = new ServicePortName("bench", "bulk", "http");

  public static void main(String[] args) throws Exception {
    // args: service counts for the sync runs (default 1000 10000); "datapath" alone skips them;
    // "nftables" or "iptables" limits the sync runs to that mode (iptables-nft needs many
    // minutes per restore at 10,000 services)
    List<Integer> sizes = args.length == 0 ? List.of(1000, 10000)
        : Arrays.stream(args).filter(a -> a.matches("\\d+")).map(Integer::parseInt).toList();
    List<String> modes = Arrays.stream(args).filter(a -> a.endsWith("tables")).toList();
    List<String> report = new ArrayList<>();
    for (String mode : modes.isEmpty() ? List.of("iptables", "nftables") : modes) {
      for (int n : sizes) {
        report.add(syncBench(mode, n));
      }
    }
    report.addAll(datapathBench());
    System.out.println();
    System.out.println("== service proxy benchmarks ==");
    report.forEach(System.out::println);
    System.exit(0);
  }

  static ProxySnapshot large(int services, int endpoints, int variant) {
    List<ServicePort> sps = new ArrayList<>();
    Map<ServicePortName, List<Endpoint>> eps = new HashMap<>();
    for (int s = 0; s < services; s++) {
      ServicePortName n = new ServicePortName("bench", "svc-" + s, "http");
      sps.add(ServicePort.clusterIP(n, Protocol.TCP,
          "10.96." + ((s >> 8) & 255) + "." + (s & 255), 80));
      List<Endpoint> list = new ArrayList<>();
      for (int e = 0; e < endpoints; e++) {
        int v = s * endpoints + e;
        String ip = "10." + (244 + (v >> 16)) + "." + ((v >> 8) & 255) + "." + (v & 255);
        if (s == 0 && e == 0 && variant > 0) {
          ip = "10.250.0." + variant; // the one endpoint that changes
        }
        list.add(new Endpoint(ip, 8080, "node-" + (e % 3)));
      }
      eps.put(n, list);
    }
    return new ProxySnapshot(sps, eps, NODE);
  }

  private static String syncBench(String mode, int n) throws Exception {
    try (BenchNetns net = new BenchNetns()) {
      String ns = net.single();
      CommandRunner runner = CommandRunner.inNetns(ns);
      RuleProxier proxier = mode.equals("iptables") ? RuleProxier.iptables(runner)
          : RuleProxier.nftables(runner);
      ProxySnapshot base = large(n, 10, 0);
      long initial = time(() -> proxier.sync(base, null));
      List<Long> full = new ArrayList<>();
      List<Long> incremental = new ArrayList<>();
      ServicePortName changed = new ServicePortName("bench", "svc-0", "http");
      int reps = n >= 10000 ? 2 : 3;
      for (int i = 1; i <= reps; i++) {
        ProxySnapshot next = large(n, 10, i);
        // a steady-state full resync of the same state, then one endpoint change
        full.add(time(() -> proxier.sync(base, null)));
        incremental.add(time(() -> proxier.sync(next, Set.of(changed))));
        proxier.sync(base, Set.of(changed));
      }
      long f = median(full);
      long inc = median(incremental);
      proxier.cleanup();
      return String.format(Locale.ROOT,
          "sync %-8s %,6d services x 10 endpoints: initial %,7d ms, full %,7d ms, "
              + "one endpoint change (incremental) %,6d ms, ratio %.3f (goal <= 0.2)",
          mode, n, initial, f, inc, (double) inc / f);
    }
  }

  /** The service the iptables data-path runs use: ClusterIP 10.96.0.10:80 → the pod's 8080. */
  public static ProxySnapshot datapathSnapshot() {
    return datapathSnapshot("10.96.0.10");
  }

  /**
   * The same pod behind another ClusterIP: the userspace proxy serves 10.96.0.11 while the
   * iptables rules serve 10.96.0.10, so that the rounds can alternate between the paths.
   */
  public static ProxySnapshot datapathSnapshot(String clusterIP) {
    return new ProxySnapshot(List.of(ServicePort.clusterIP(BULK, Protocol.TCP, clusterIP, 80)),
        Map.of(BULK, List.of(new Endpoint(BenchNetns.POD_IP, 8080, "node-1"))), NODE);
  }

  static final int ROUNDS = 5;
  static final long BYTES = 512L << 20;

  /**
   * Single-stream throughput, direct to the pod IP and through each mode, in alternated rounds
   * (direct, iptables, userspace, direct, ...) so that a shared machine's noise falls on every
   * side; each round's ratios are against that round's direct run.
   */
  private static List<String> datapathBench() throws Exception {
    List<String> out = new ArrayList<>();
    try (BenchNetns net = new BenchNetns()) {
      net.topology();
      Files.writeString(net.dir.resolve("server.py"), SERVER);
      Files.writeString(net.dir.resolve("client.py"), CLIENT);
      String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
          : "python3";
      Process server = net.start(net.ns("pod"), List.of(python,
          net.dir.resolve("server.py").toString()), net.dir.resolve("server.log"));
      Thread.sleep(500);
      if (!server.isAlive()) {
        throw new IllegalStateException(Files.readString(net.dir.resolve("server.log")));
      }
      CommandRunner other = CommandRunner.inNetns(net.ns("other"));
      Proxier ipt = RuleProxier.iptables(CommandRunner.inNetns(net.ns("node")));
      ipt.sync(datapathSnapshot(), null);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process us = new ProcessBuilder("ip", "netns", "exec", net.ns("node"), java, "-cp",
          System.getProperty("java.class.path"), UserspaceBenchNode.class.getName())
          .redirectError(net.dir.resolve("userspace.log").toFile()).start();
      try {
        String line = new BufferedReader(new InputStreamReader(us.getInputStream())).readLine();
        if (!"synced".equals(line)) {
          throw new IllegalStateException("userspace proxy: " + Files.readString(
              net.dir.resolve("userspace.log")));
        }
        // one unmeasured pass each: the JIT of the userspace relay, the first connections
        once(other, python, net, "10.96.0.11", 80, BYTES);
        once(other, python, net, "10.96.0.10", 80, BYTES);
        List<Double> iptRatios = new ArrayList<>();
        List<Double> usRatios = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
          double direct = once(other, python, net, BenchNetns.POD_IP, 8080, BYTES);
          double viaIptables = once(other, python, net, "10.96.0.10", 80, BYTES);
          double viaUserspace = once(other, python, net, "10.96.0.11", 80, BYTES);
          iptRatios.add(viaIptables / direct);
          usRatios.add(viaUserspace / direct);
          out.add(String.format(Locale.ROOT, "datapath round %d: direct %,6.0f MB/s, iptables"
              + " %,6.0f MB/s (%.2f), userspace %,6.0f MB/s (%.2f)", r, direct, viaIptables,
              viaIptables / direct, viaUserspace, viaUserspace / direct));
        }
        out.add(String.format(Locale.ROOT,
            "datapath iptables ClusterIP / direct: median %.2f of %d rounds (goal >= 0.9)",
            medianOf(iptRatios), ROUNDS));
        out.add(String.format(Locale.ROOT,
            "datapath userspace ClusterIP / direct: median %.2f of %d rounds (goal >= 0.5)",
            medianOf(usRatios), ROUNDS));
      } finally {
        us.destroyForcibly();
        us.waitFor();
        // no rule cleanup: both modes' rules go with the benchmark's namespaces
      }
    }
    return out;
  }

  private static double medianOf(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  /** MB/s of one single-stream download of {@code bytes}. */
  private static double once(CommandRunner from, String python, BenchNetns net, String ip,
      int port, long bytes) throws Exception {
    return Double.parseDouble(from.run(null, python, net.dir.resolve("client.py").toString(), ip,
        Integer.toString(port), Long.toString(bytes)).strip());
  }

  private interface Step {
    void run() throws Exception;
  }

  private static long time(Step s) throws Exception {
    long t0 = System.nanoTime();
    s.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  static final String SERVER = """
      import socket, threading
      srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
      srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
      srv.bind(("0.0.0.0", 8080))
      srv.listen(64)
      buf = b"x" * (1 << 20)
      def serve(c):
          try:
              n = int(c.recv(64).decode().strip())
              while n > 0:
                  k = min(n, len(buf))
                  c.sendall(buf[:k])
                  n -= k
          finally:
              c.close()
      while True:
          c, _ = srv.accept()
          threading.Thread(target=serve, args=(c,), daemon=True).start()
      """;

  static final String CLIENT = """
      import socket, sys, time
      ip, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
      s = socket.create_connection((ip, port), timeout=30)
      t0 = time.time()
      s.sendall(b"%d\\n" % n)
      buf = bytearray(1 << 20)
      got = 0
      while True:
          k = s.recv_into(buf)
          if not k:
              break
          got += k
      dt = time.time() - t0
      assert got == n, (got, n)
      print("%.1f" % (got / dt / 1e6))
      """;

  private ProxyBench() {}
}
