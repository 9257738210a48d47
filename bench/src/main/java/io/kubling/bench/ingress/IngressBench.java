package io.kubling.bench.ingress;

import io.kubling.bench.Stats;
import io.kubling.ingress.proxy.IngressProxy;
import io.kubling.ingress.route.Backend;
import io.kubling.ingress.route.IngressPath;
import io.kubling.ingress.route.PathType;
import io.kubling.ingress.route.RouteTable;
import io.kubling.ingress.snapshot.Endpoint;
import io.kubling.ingress.snapshot.IngressSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Requests/s and p99 latency through the ingress proxy against straight to the backend, on
 * loopback, keep-alive HTTP/1.1, the same closed-loop load on both sides, alternated rounds.
 * The proxy runs with a routing table of 100 hosts and the backend among them, as
 * the controller would configure it; the API server is not on the request path. Where an nginx
 * binary is found ({@link NginxProxy#binary()}), nginx configured alike is measured in the same
 * rounds as a reference: what a proxy known to be good gets out of the same machine.
 */
public final class IngressBench {
  static final int CONNECTIONS = 32;
  static final int ROUNDS = Integer.getInteger("bench.ingress.rounds", 10);
  static final long ROUND_MS = 1500;
  static final long WARMUP_REQUESTS = Long.getLong("bench.ingress.warmup", 300_000);
  static final long WARMUP_MAX_S = 90;
  static final Buffer BODY = Buffer.buffer("x".repeat(512));
  // The proxy's event loops; its default is one per core.
  static final int PROXY_LOOPS = Integer.getInteger("bench.ingress.proxyLoops",
      Math.max(1, Runtime.getRuntime().availableProcessors()));

  private IngressBench() {}

  public static void main(String[] args) throws Exception {
    for (String line : run()) {
      System.out.println(line);
    }
  }

  public static List<String> run() throws Exception {
    Vertx backendVertx = Vertx.vertx();
    IngressProxy proxy = null;
    NginxProxy nginx = null;
    java.nio.file.Path nginxBinary = NginxProxy.binary().orElse(null);
    HttpLoad load = new HttpLoad(CONNECTIONS);
    try {
      HttpServer backend = backendVertx.createHttpServer().requestHandler(req ->
          req.response().putHeader("content-type", "text/plain").end(BODY));
      int backendPort = backend.listen(0, "127.0.0.1").toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
      proxy = new IngressProxy("127.0.0.1", 0, PROXY_LOOPS).listenHttp(0);
      proxy.update(snapshot(backendPort));
      int proxyPort = proxy.httpPort();
      if (nginxBinary != null) {
        nginx = NginxProxy.start(nginxBinary, PROXY_LOOPS, backendPort);
      }

      // Warm-up for the JIT, alternated too, by work done rather than time: on a busy 2-core
      // box C2 can take tens of seconds to get to the proxy's code.
      long warmed = 0;
      long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_MAX_S);
      while (warmed < WARMUP_REQUESTS && System.nanoTime() < warmUntil) {
        load.run(backendPort, "direct.example", 2000);
        warmed += load.run(proxyPort, "bench.example", 2000).requests();
      }
      if (nginx != null) {
        // nginx needs no JIT; this opens its keep-alive connections and checks it answers 200.
        HttpLoad.Result n = load.run(nginx.port(), "bench.example", 2000);
        if (n.errors() > 0 || n.requests() == 0) {
          throw new IllegalStateException("nginx warm-up: " + n.requests() + " answers, "
              + n.errors() + " errors; its error_log: " + nginx.errorLog());
        }
      }
      // The proxy's own threads: idle during a direct run, busy during a proxied one.
      Map<Long, Long> t0 = ThreadCpu.snapshot();
      load.run(backendPort, "direct.example", 1000);
      Map<Long, Long> t1 = ThreadCpu.snapshot();
      load.run(proxyPort, "bench.example", 1000);
      Map<Long, Long> t2 = ThreadCpu.snapshot();
      Set<Long> proxyThreads = ThreadCpu.busyOnlyInSecond(t0, t1, t2,
          TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(20));
      if (Boolean.getBoolean("bench.ingress.threads")) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          long id = t.getId();
          System.out.printf(Locale.ROOT, "thread %3d %-32s direct %5.0f ms, ingress %5.0f ms%s%n",
              id, t.getName(), (t1.getOrDefault(id, 0L) - t0.getOrDefault(id, 0L)) / 1e6,
              (t2.getOrDefault(id, 0L) - t1.getOrDefault(id, 0L)) / 1e6,
              proxyThreads.contains(id) ? "  <- proxy" : "");
        }
      }
      List<Double> directRates = new ArrayList<>();
      List<Double> ingressRates = new ArrayList<>();
      List<Double> directP99 = new ArrayList<>();
      List<Double> ingressP99 = new ArrayList<>();
      // Adjacent rounds share the machine's load of the moment; their ratios are the figure.
      List<Double> pairRatios = new ArrayList<>();
      List<Double> pairP99Ratios = new ArrayList<>();
      // CPU of the whole JVM per request: direct = load + backend, ingress = load + proxy +
      // backend, so their difference is what the proxy costs per request.
      List<Double> directCpu = new ArrayList<>();
      List<Double> ingressCpu = new ArrayList<>();
      // CPU of the proxy's event-loop threads alone per proxied request (no GC or JIT).
      List<Double> proxyCpu = new ArrayList<>();
      List<Double> proxyUserCpu = new ArrayList<>();
      NginxRounds nginxRounds = nginx == null ? null : new NginxRounds();
      for (int r = 0; r < ROUNDS; r++) {
        // Without nginx: direct, then ingress, as always. With it, direct sits between the two
        // proxied sides, which take turns to go first: each is next to the direct run it is
        // compared with, and neither always runs after the other.
        boolean nginxFirst = nginx != null && r % 2 == 1;
        HttpLoad.Result n = null;
        NginxProxy.Cpu nginxCpu = null;
        if (nginxFirst) {
          NginxProxy.Cpu c0 = nginx.cpu();
          n = load.run(nginx.port(), "bench.example", ROUND_MS);
          nginxCpu = nginx.cpu().minus(c0);
        }
        HttpLoad.Result d = null;
        if (nginx == null || nginxFirst) {
          d = load.run(backendPort, "direct.example", ROUND_MS);
        }
        long p0 = ThreadCpu.of(proxyThreads);
        long u0 = ThreadCpu.userOf(proxyThreads);
        HttpLoad.Result i = load.run(proxyPort, "bench.example", ROUND_MS);
        double proxyMicros = i.requests() == 0 ? Double.NaN
            : (ThreadCpu.of(proxyThreads) - p0) / 1e3 / i.requests();
        if (d == null) {
          d = load.run(backendPort, "direct.example", ROUND_MS);
          NginxProxy.Cpu c0 = nginx.cpu();
          n = load.run(nginx.port(), "bench.example", ROUND_MS);
          nginxCpu = nginx.cpu().minus(c0);
        }
        proxyCpu.add(proxyMicros);
        proxyUserCpu.add(i.requests() == 0 ? Double.NaN
            : (ThreadCpu.userOf(proxyThreads) - u0) / 1e3 / i.requests());
        if (i.errors() > 0 || d.errors() > 0) {
          throw new IllegalStateException("errors in round " + r + ": direct " + d.errors()
              + ", ingress " + i.errors());
        }
        directRates.add(d.perSecond());
        ingressRates.add(i.perSecond());
        directP99.add(d.p99Millis());
        ingressP99.add(i.p99Millis());
        pairRatios.add(i.perSecond() / d.perSecond());
        directCpu.add(d.cpuMicrosPerRequest());
        ingressCpu.add(i.cpuMicrosPerRequest());
        System.out.printf(Locale.ROOT, "round %2d: direct %6.0f/s p99 %5.1f ms cpu %5.1f us/req,"
            + " ingress %6.0f/s p99 %5.1f ms cpu %5.1f us/req (proxy threads %4.1f us/req);"
            + " ratio %.2f%n", r + 1, d.perSecond(), d.p99Millis(), d.cpuMicrosPerRequest(),
            i.perSecond(), i.p99Millis(), i.cpuMicrosPerRequest(), proxyMicros,
            i.perSecond() / d.perSecond());
        pairP99Ratios.add(i.p99Millis() / d.p99Millis());
        if (nginx != null) {
          if (n.errors() > 0) {
            throw new IllegalStateException("errors in round " + r + ": nginx " + n.errors()
                + "; its error_log: " + nginx.errorLog());
          }
          System.out.println(nginxRounds.add(r, d, i, n, nginxCpu, nginxFirst));
        }
      }
      double dr = Stats.median(directRates);
      double ir = Stats.median(ingressRates);
      double dp = Stats.median(directP99);
      double ip = Stats.median(ingressP99);
      double dc = Stats.median(directCpu);
      double ic = Stats.median(ingressCpu);
      List<String> lines = new ArrayList<>(List.of(
          String.format(Locale.ROOT, "ingress: %d keep-alive connections, %d alternated rounds"
              + " of %d ms per side after a warm-up of %,d proxied requests, %d cores; medians, the ratio of each pair of rounds", CONNECTIONS, ROUNDS, ROUND_MS,
              warmed, Runtime.getRuntime().availableProcessors()),
          String.format(Locale.ROOT, "direct to backend  %s  p99 %s ms", Stats.rate(dr),
              Stats.millis(dp)),
          String.format(Locale.ROOT, "through ingress    %s  p99 %s ms", Stats.rate(ir),
              Stats.millis(ip)),
          String.format(Locale.ROOT, "ingress throughput ratio %.2f (goal >= 0.6; ratio of the"
              + " medians %s; rounds %.2f-%.2f); p99 ingress/direct %.2f",
              Stats.median(pairRatios), Stats.ratio(ir, dr),
              pairRatios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
              pairRatios.stream().mapToDouble(Double::doubleValue).max().orElse(0),
              Stats.median(pairP99Ratios)),
          String.format(Locale.ROOT, "cpu per request (this JVM, medians): direct %.1f us"
              + " (load + backend), ingress %.1f us (load + proxy + backend), difference %.1f us;"
              + " the proxy's %d event-loop threads alone %.1f us (%.1f us of it in user mode,"
              + " the rest in the kernel)", dc, ic, ic - dc, proxyThreads.size(),
              Stats.median(proxyCpu), Stats.median(proxyUserCpu)),
          // On two cores shared by all three, a saturated machine gives each side the same CPU
          // per second, so the throughput ratio tends to the inverse ratio of CPU per request;
          // on a busy machine the proxied side's extra threads get it more than its share.
          String.format(Locale.ROOT, "cpu-bound ratio (direct cpu / ingress cpu per request)"
              + " %.2f", dc / ic)));
      if (nginx == null) {
        lines.add(NginxProxy.leftOut() ? "nginx reference: skipped (-D" + NginxProxy.PROPERTY
            + "=none)" : "nginx reference: skipped (no nginx binary; see bench/README.md)");
      } else {
        lines.addAll(nginxRounds.summary(nginxBinary, nginx.processes(), dr, dc,
            nginx.errorLog()));
      }
      return lines;
    } finally {
      load.close();
      if (nginx != null) {
        nginx.close();
      }
      if (proxy != null) {
        proxy.close();
      }
      backendVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static IngressSnapshot snapshot(int backendPort) {
    List<IngressPath> paths = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Backend other = new Backend("bench", "svc-" + i, 80, "");
      paths.add(new IngressPath("host-" + i + ".example", "/", PathType.PREFIX, other, i));
      paths.add(new IngressPath("host-" + i + ".example", "/api", PathType.PREFIX, other, i));
    }
    Backend target = new Backend("bench", "target", 80, "");
    paths.add(new IngressPath("bench.example", "/", PathType.PREFIX, target, 100));
    return new IngressSnapshot(RouteTable.build(paths, null),
        java.util.Map.of(target, List.of(new Endpoint("127.0.0.1", backendPort))), List.of());
  }
}
